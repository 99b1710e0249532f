import { ConfigError } from '../errors.js';

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Printable ASCII without spaces: what a host, an origin or a token may contain. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** The caller's value for a message: quoted, with line breaks and control characters escaped, cut short. */
function quote(value: string): string {
  const quoted = JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
  return quoted.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/** Pipedrive's personal API tokens are 40 hexadecimal characters. */
const TOKEN_SHAPE = /^[0-9a-f]{40}$/i;

/** Whether `value` contains one of the secrets (those of 8 characters or more, trimmed). */
function containsSecret(value: string, secrets: readonly (string | undefined)[]): boolean {
  return secrets.some((secret) => secret !== undefined && secret.trim().length >= 8 && value.includes(secret.trim()));
}

/**
 * Refuses an origin option that holds the token (swapped options, a pasted connection string) without
 * repeating the value, so the token never reaches a message, a log or a DNS query.
 */
function refuseSecret(value: string, option: string, secrets: readonly (string | undefined)[]): void {
  const holdsSecret = containsSecret(value, secrets);
  const bare = value.trim().replace(/^https?:\/\//i, '').replace(/\.pipedrive\.com\/?$/i, '');
  if (holdsSecret || TOKEN_SHAPE.test(bare)) {
    throw new ConfigError(
      `${option} looks like an API token${holdsSecret ? ' (it contains the apiToken)' : ' (40 hexadecimal characters)'}; its value is not shown. Pass the token as apiToken and the company subdomain as domain, e.g. domain: "mycompany".`,
    );
  }
}

const EXPECTED =
  'Expected the company subdomain, e.g. domain: "mycompany" (also accepted: "mycompany.pipedrive.com" or "https://mycompany.pipedrive.com").';

/**
 * True for loopback hosts: `localhost`, `127.0.0.0/8` and `[::1]`.
 *
 * @example
 * isLoopbackHost('127.0.0.1'); // true
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Turns the `domain` option into the origin the client calls. Accepts `mycompany`,
 * `mycompany.pipedrive.com` and `https://mycompany.pipedrive.com/`; anything else is a {@link ConfigError}.
 *
 * @example
 * originFromDomain('https://MyCompany.pipedrive.com/'); // 'https://mycompany.pipedrive.com'
 */
export function originFromDomain(domain: unknown, secrets: readonly (string | undefined)[] = []): string {
  if (typeof domain !== 'string' || domain.trim() === '') {
    throw new ConfigError(`domain is missing. ${EXPECTED}`);
  }
  refuseSecret(domain, 'domain', secrets);
  if (!PRINTABLE_ASCII.test(domain.trim())) {
    // a URL parser would drop line breaks and turn non-ASCII letters into punycode: refuse instead of guessing
    throw new ConfigError(`domain ${quote(domain)} is not a Pipedrive company domain: it contains whitespace, a line break, a control or a non-ASCII character. ${EXPECTED}`);
  }
  let host = domain.trim().toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    let url: URL;
    try {
      url = new URL(host);
    } catch {
      throw new ConfigError(`domain ${quote(domain)} is not a valid URL. ${EXPECTED}`);
    }
    if (url.protocol !== 'https:') throw new ConfigError(`domain ${quote(domain)} must use https. ${EXPECTED}`);
    if (url.username || url.password || url.port || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
      throw new ConfigError(`domain ${quote(domain)} has more than a host. ${EXPECTED}`);
    }
    host = url.hostname;
  } else {
    host = host.replace(/\/+$/, '');
  }
  if (host.endsWith('.pipedrive.com')) host = host.slice(0, -'.pipedrive.com'.length);
  if (!SUBDOMAIN.test(host)) {
    throw new ConfigError(`domain ${quote(domain)} is not a Pipedrive company domain (*.pipedrive.com). ${EXPECTED}`);
  }
  return `https://${host}.pipedrive.com`;
}

/**
 * Checks the `baseUrl` option: an origin on `*.pipedrive.com` over https, or a loopback origin
 * (http or https) for the fake server and tests. Returns it without a trailing slash.
 *
 * @example
 * originFromBaseUrl('http://127.0.0.1:4010/'); // 'http://127.0.0.1:4010'
 */
export function originFromBaseUrl(baseUrl: unknown, secrets: readonly (string | undefined)[] = []): string {
  const expected = 'Expected an origin such as "http://127.0.0.1:4010" (loopback, for the fake server) or "https://mycompany.pipedrive.com".';
  if (typeof baseUrl !== 'string' || baseUrl.trim() === '') throw new ConfigError(`baseUrl is empty. ${expected}`);
  if (containsSecret(baseUrl, secrets)) {
    throw new ConfigError(`baseUrl contains the API token; its value is not shown. Pass the token as apiToken only. ${expected}`);
  }
  if (!PRINTABLE_ASCII.test(baseUrl.trim())) {
    throw new ConfigError(`baseUrl ${quote(baseUrl)} is not a valid URL: it contains whitespace, a line break, a control or a non-ASCII character. ${expected}`);
  }
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new ConfigError(`baseUrl ${quote(baseUrl)} is not a valid URL. ${expected}`);
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new ConfigError(`baseUrl ${quote(baseUrl)} must be an origin only (no path, query or credentials). ${expected}`);
  }
  const loopback = isLoopbackHost(url.hostname);
  const pipedrive = url.hostname.endsWith('.pipedrive.com') && SUBDOMAIN.test(url.hostname.slice(0, -'.pipedrive.com'.length));
  if (url.protocol === 'http:' && !loopback) {
    throw new ConfigError(`baseUrl ${quote(baseUrl)} uses plain http, allowed only for loopback addresses. ${expected}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`baseUrl ${quote(baseUrl)} must use http or https. ${expected}`);
  if (!loopback && !pipedrive) {
    throw new ConfigError(`baseUrl ${quote(baseUrl)} is neither a loopback address nor a *.pipedrive.com host; the token is sent nowhere else. ${expected}`);
  }
  return url.origin;
}

/**
 * Checks an API token: present, not blank, printable ASCII without whitespace or line breaks (which
 * would break or inject HTTP headers). The token itself never appears in the error.
 *
 * @example
 * checkToken(process.env.PIPEDRIVE_API_TOKEN); // returns the token or throws ConfigError
 */
export function checkToken(token: unknown, name = 'apiToken'): string {
  if (typeof token !== 'string' || token.trim() === '') {
    throw new ConfigError(`${name} is missing or blank. Pass the API token from Pipedrive (Settings > Personal preferences > API), e.g. from PIPEDRIVE_API_TOKEN.`);
  }
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new ConfigError(`${name} contains whitespace, a line break or a non-ASCII character. Copy the token again without surrounding spaces or newlines.`);
  }
  return token;
}
