/** Reads the credential of a request: `x-api-token`, `Authorization: Bearer`, or the legacy `api_token` query. */
import type { AuthKind } from './request-log.js';

/**
 * The credential found on a request.
 *
 * @example
 * const { kind, token } = readCredential(header, url.searchParams);
 */
export interface Credential {
  kind: AuthKind;
  token: string | undefined;
}

/**
 * Finds the token, preferring headers over the query string.
 *
 * @example
 * readCredential((name) => headers.get(name), url.searchParams); // { kind: 'x-api-token', token: 'test-token' }
 */
export function readCredential(header: (name: string) => string | undefined, query: URLSearchParams): Credential {
  const apiToken = header('x-api-token');
  if (apiToken) return { kind: 'x-api-token', token: apiToken };
  const authorization = header('authorization');
  const bearer = authorization ? /^Bearer\s+(.+)$/i.exec(authorization.trim()) : null;
  if (bearer) return { kind: 'bearer', token: bearer[1] };
  const inQuery = query.get('api_token');
  if (inQuery) return { kind: 'query', token: inQuery };
  return { kind: 'none', token: undefined };
}
