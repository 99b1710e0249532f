/**
 * Error bodies as Pipedrive sends them. Where the exact body is unconfirmed, the shape follows Pipedrive's
 * documented error envelope (`success: false, error, error_info, data: null, additional_data: null`).
 */

/**
 * Pipedrive's usual `error_info`.
 *
 * @example
 * ({ success: false, error: 'Unknown method .', error_info: ERROR_INFO });
 */
export const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';

/**
 * A response the core hands to a face.
 *
 * @example
 * const { status, contentType, body } = notFound();
 */
export interface ErrorResponse {
  status: number;
  contentType: string;
  body: string;
}

const json = (status: number, body: unknown): ErrorResponse => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

/**
 * 401 for a missing or wrong token: the gateway's body, observed live (2026-09) for any path and method.
 *
 * @example
 * unauthorized().body; // '{"success":false,"error":"unauthorized access","errorCode":401,"error_info":"Please check developers.pipedrive.com"}'
 */
export function unauthorized(): ErrorResponse {
  return json(401, { success: false, error: 'unauthorized access', errorCode: 401, error_info: 'Please check developers.pipedrive.com' });
}

/**
 * 404 for an unknown path with a valid token: Pipedrive answers "Unknown method ." (seen for retired v1 paths).
 *
 * @example
 * notFound().status; // 404
 */
export function notFound(): ErrorResponse {
  return json(404, { success: false, error: 'Unknown method .', error_info: ERROR_INFO, data: null, additional_data: null });
}

/**
 * 405 for a method other than GET (the fake serves reads only).
 *
 * @example
 * methodNotAllowed('POST').status; // 405
 */
export function methodNotAllowed(method: string): ErrorResponse {
  return json(405, { success: false, error: `Method ${method} is not supported by the fake Pipedrive`, error_info: ERROR_INFO, data: null, additional_data: null });
}

/**
 * 400 for a rejected query parameter. v2 answers bad parameters with `ERR_SCHEMA_VALIDATION_FAILED` (observed live
 * for a fractional `updated_since`); what it answers to `limit` above the maximum is not documented, so the fake
 * rejects it the same way. The exact message text is the fake's own.
 *
 * @example
 * validationFailed("limit: must be <= 500").status; // 400
 */
export function validationFailed(message: string): ErrorResponse {
  return json(400, {
    success: false,
    error: `Validation failed: ${message}`,
    code: 'ERR_SCHEMA_VALIDATION_FAILED',
    error_info: ERROR_INFO,
    data: null,
    additional_data: null,
  });
}

/**
 * 429 when the 2-second burst window is full. The body is not documented; the fake uses the gateway's shape
 * (like its 401) with "Request over limit".
  *
  * @example
  * burstLimited().status; // 429
 */
export function burstLimited(): ErrorResponse {
  return json(429, { success: false, error: 'Request over limit', errorCode: 429, error_info: 'Please check developers.pipedrive.com' });
}

/**
 * 429 when the company's daily token budget is spent: the body observed live (2026-08).
 *
 * @example
 * dailyBudgetSpent().body; // '{"success":false,"error":"daily request budget exceeded","errorCode":429}'
 */
export function dailyBudgetSpent(): ErrorResponse {
  return json(429, { success: false, error: 'daily request budget exceeded', errorCode: 429 });
}

/**
 * 500 / 503 from the API itself (injected faults).
 *
 * @example
 * serverError(503).status; // 503
 */
export function serverError(status: 500 | 503): ErrorResponse {
  return json(status, {
    success: false,
    error: status === 500 ? 'Internal server error' : 'Service temporarily unavailable',
    error_info: ERROR_INFO,
    data: null,
    additional_data: null,
  });
}

/**
 * 502 from the edge: an HTML page, not JSON (injected fault).
 *
 * @example
 * badGateway().contentType; // 'text/html; charset=UTF-8'
 */
export function badGateway(): ErrorResponse {
  return {
    status: 502,
    contentType: 'text/html; charset=UTF-8',
    body: '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>\n',
  };
}

/**
 * 403 Cloudflare block for a token that kept calling after 429s: an HTML page, as the rate-limiting docs describe.
  *
  * @example
  * cloudflareBlocked().body.includes('Access denied'); // true
 */
export function cloudflareBlocked(): ErrorResponse {
  return {
    status: 403,
    contentType: 'text/html; charset=UTF-8',
    body: [
      '<!DOCTYPE html>',
      '<html lang="en-US"><head><title>Access denied | api.pipedrive.com used Cloudflare to restrict access</title></head>',
      '<body><div id="cf-wrapper"><h1><span>Error</span> <span>1020</span></h1><h2>Access denied</h2>',
      '<p>This website is using a security service to protect itself from online attacks.</p>',
      '<p>This error is produced by Cloudflare. See troubleshooting guide <a href="https://support.cloudflare.com/hc/en-us/articles/360029779472-Troubleshooting-Cloudflare-1XXX-errors">here</a>.</p>',
      '</div></body></html>',
      '',
    ].join('\n'),
  };
}
