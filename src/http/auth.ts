/**
 * Where the client gets its credentials: an API token (sent as `x-api-token`) or an OAuth access-token
 * provider (sent as `Authorization: Bearer`, called again after a 401).
 *
 * @example
 * const auth = apiTokenAuth('abc123'); await auth.headers(); // { 'x-api-token': 'abc123' }
 */
export interface Auth {
  /** Headers that carry the credential. */
  headers(): Promise<Record<string, string>>;
  /** After a 401: get a fresh credential if possible; true when the request should be tried again. */
  refresh(): Promise<boolean>;
  /** Every secret seen so far, for redaction. */
  secrets(): readonly string[];
}

/**
 * Auth by a fixed API token in the `x-api-token` header.
 *
 * @example
 * const auth = apiTokenAuth(process.env.PIPEDRIVE_API_TOKEN!);
 */
export function apiTokenAuth(token: string): Auth {
  const headers = { 'x-api-token': token };
  const secrets = [token];
  return {
    headers: async () => headers,
    refresh: async () => false,
    secrets: () => secrets,
  };
}

/**
 * Auth by an OAuth access token from `provider`, asked again once after a 401.
 *
 * @example
 * const auth = oauthAuth(async () => (await myTokenStore.get()).access_token);
 */
export function oauthAuth(provider: () => string | Promise<string>): Auth {
  const seen: string[] = [];
  let current: string | undefined;
  const fetchToken = async () => {
    current = (await provider()).trim();
    if (!seen.includes(current)) seen.push(current);
    return current;
  };
  return {
    headers: async () => ({ authorization: `Bearer ${current ?? (await fetchToken())}` }),
    refresh: async () => {
      const before = current;
      await fetchToken();
      return current !== before;
    },
    secrets: () => seen,
  };
}
