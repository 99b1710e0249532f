import {
  AuthenticationError,
  BadRequestError,
  ForbiddenError,
  NotFoundError,
  PipedriveError,
  RateLimitError,
  ServerError,
  type RequestInfo,
} from '../errors.js';
import { redact } from './redact.js';

/**
 * True when a body looks like an HTML page (Cloudflare's block page, a proxy's error page).
 *
 * @example
 * isHtml('text/html; charset=utf-8', '<!DOCTYPE html>'); // true
 */
export function isHtml(contentType: string | null, body: string): boolean {
  return (contentType ?? '').includes('text/html') || /^\s*<(!doctype|html)/i.test(body);
}

/** Pipedrive's own words from an error body: `error`, `error_info`, `message`. */
function serverMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown> | null;
    if (parsed && typeof parsed === 'object') {
      const parts = [parsed['error'], parsed['message'], parsed['error_info']].filter(
        (part): part is string => typeof part === 'string' && part.length > 0,
      );
      if (parts.length > 0) return parts.join(' - ').slice(0, 300);
    }
  } catch {
    // not JSON
  }
  return undefined;
}

/**
 * Maps a failed response to the right {@link PipedriveError} subclass, with a message that says what
 * happened and what to do, and with every secret removed.
 *
 * @example
 * throw errorFromResponse({ status: 401, body: '{"error":"unauthorized access"}', contentType: 'application/json',
 *   request: { method: 'GET', path: '/api/v2/deals' }, secrets: [token] });
 */
export function errorFromResponse(input: {
  status: number;
  body: string;
  contentType: string | null;
  request: RequestInfo;
  secrets: readonly string[];
  retryAfterMs?: number;
}): PipedriveError {
  const { status, request } = input;
  const said = serverMessage(input.body);
  const where = `${request.method} ${request.path}`;
  const detail = said ? ` Pipedrive said: "${said}".` : '';
  const options = { status, request };
  const clean = (message: string) => redact(message, input.secrets);

  if (status === 401) {
    return new AuthenticationError(
      clean(`Pipedrive refused the token (401 on ${where}).${detail} Check apiToken (PIPEDRIVE_API_TOKEN); an OAuth access token expires after 60 minutes.`),
      options,
    );
  }
  if (status === 403 && isHtml(input.contentType, input.body)) {
    return new ForbiddenError(
      clean(`Pipedrive's Cloudflare protection blocked this token (403 HTML page on ${where}), usually after repeated 429s. Stop every job that uses this token and wait before trying again; retrying now extends the block.`),
      { ...options, blocked: true },
    );
  }
  if (status === 403) {
    return new ForbiddenError(
      clean(`The token may not read this resource (403 on ${where}).${detail} Check the user's permissions or the OAuth app's scopes.`),
      options,
    );
  }
  if (status === 404 || status === 410) {
    return new NotFoundError(
      clean(`Pipedrive has no such endpoint or record (${status} on ${where}).${detail} Check the domain and that the account has this feature.`),
      options,
    );
  }
  if (status === 429) {
    return new RateLimitError(
      clean(`Still rate limited by Pipedrive (429 on ${where}) after every retry.${detail} Lower rateLimit or retry later.`),
      { ...options, ...(input.retryAfterMs === undefined ? {} : { retryAfterMs: input.retryAfterMs }) },
    );
  }
  if (status >= 500) {
    return new ServerError(
      clean(`Pipedrive failed with ${status} on ${where} on every attempt.${detail} Try again later; resume from the last checkpoint.`),
      options,
    );
  }
  if (status === 402) {
    return new BadRequestError(
      clean(`Pipedrive answered 402 Payment Required on ${where}.${detail} The company's subscription must be active for API access.`),
      options,
    );
  }
  return new BadRequestError(
    clean(`Pipedrive rejected the request (${status} on ${where}).${detail} Check the options passed for this stream.`),
    options,
  );
}
