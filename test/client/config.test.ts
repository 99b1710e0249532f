import { describe, expect, it } from 'vitest';
import { ConfigError, Pipedrive } from '../../src/index.js';
import { originFromBaseUrl, originFromDomain } from '../../src/config/resolve-origin.js';

const TOKEN = 'a'.repeat(40);

describe('domain normalisation', () => {
  it.each([
    ['mycompany', 'https://mycompany.pipedrive.com'],
    ['MyCompany', 'https://mycompany.pipedrive.com'],
    ['mycompany.pipedrive.com', 'https://mycompany.pipedrive.com'],
    ['https://mycompany.pipedrive.com', 'https://mycompany.pipedrive.com'],
    ['https://mycompany.pipedrive.com/', 'https://mycompany.pipedrive.com'],
    ['  my-company  ', 'https://my-company.pipedrive.com'],
    ['mycompany/', 'https://mycompany.pipedrive.com'],
  ])('accepts %j as %s', (domain, origin) => {
    expect(originFromDomain(domain)).toBe(origin);
  });

  it.each([
    ['', /missing/],
    ['   ', /missing/],
    ['http://mycompany.pipedrive.com', /https/],
    ['https://mycompany.pipedrive.com/api/v1', /more than a host/],
    ['https://evil.com', /not a Pipedrive company domain/],
    ['mycompany.pipedrive.com.evil.com', /not a Pipedrive company domain/],
    ['evil.com', /not a Pipedrive company domain/],
    ['my company', /not a Pipedrive company domain/],
    ['mycompany\r\nx-evil: 1', /not a Pipedrive company domain/],
    ['https://user:pw@mycompany.pipedrive.com', /more than a host/],
  ])('refuses %j with a message that shows the expected form', (domain, reason) => {
    expect(() => originFromDomain(domain)).toThrow(ConfigError);
    expect(() => originFromDomain(domain)).toThrow(reason);
    expect(() => originFromDomain(domain)).toThrow(/domain: "mycompany"/);
  });
});

describe('a token passed where the domain goes', () => {
  const token = '3f9c1e0b7a2d4c6e8f0a1b2c3d4e5f6a7b8c9d0e';

  it.each([
    ['the token itself', token],
    ['the token as a host', `https://${token}.pipedrive.com`],
    ['any 40-hex value', 'ABCDEF0123456789abcdef0123456789ABCDEF01'],
  ])('refuses %s without repeating it', (_label, domain) => {
    let error: unknown;
    try {
      new Pipedrive({ apiToken: token, domain });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/looks like an API token.*apiToken/);
    expect((error as Error).message).not.toContain(domain.slice(8, 30));
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(token);
  });

  it('refuses a domain or baseUrl that contains the token, whatever its shape', () => {
    const apiToken = 'my-oauth-like-secret-value';
    expect(() => new Pipedrive({ apiToken, domain: `mycompany-${apiToken}` })).toThrow(/contains the apiToken\); its value is not shown/);
    expect(() => new Pipedrive({ apiToken, baseUrl: `http://127.0.0.1:4010/?t=${apiToken}` })).toThrow(/contains the API token; its value is not shown/);
  });
});

describe('baseUrl', () => {
  it.each([
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://127.0.0.1:4010/', 'http://127.0.0.1:4010'],
    ['http://localhost:1234', 'http://localhost:1234'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
    ['https://mycompany.pipedrive.com', 'https://mycompany.pipedrive.com'],
  ])('accepts %s', (baseUrl, origin) => {
    expect(originFromBaseUrl(baseUrl)).toBe(origin);
  });

  it.each([
    ['http://mycompany.pipedrive.com', /plain http/],
    ['http://10.0.0.5:4010', /plain http/],
    ['https://example.com', /neither a loopback/],
    ['http://127.0.0.1:4010/api', /origin only/],
    ['ftp://127.0.0.1', /http or https/],
    ['not a url', /not a valid URL/],
  ])('refuses %s', (baseUrl, reason) => {
    expect(() => originFromBaseUrl(baseUrl)).toThrow(reason);
  });
});

describe('new Pipedrive', () => {
  it.each([
    [undefined, /missing or blank/],
    ['', /missing or blank/],
    ['   ', /missing or blank/],
    [`${TOKEN}\n`, /line break/],
    [`${TOKEN}\r\nx-injected: 1`, /line break/],
    [`${TOKEN} ${TOKEN}`, /whitespace/],
  ])('refuses the token %j before any request, without echoing it', (apiToken, reason) => {
    const attempt = () => new Pipedrive({ apiToken: apiToken as string, domain: 'mycompany', fetch: () => Promise.reject(new Error('no request expected')) });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(reason);
    try {
      attempt();
    } catch (error) {
      if (apiToken && apiToken.trim()) expect((error as Error).message).not.toContain(apiToken.trim());
    }
  });

  it('refuses apiToken and accessToken together, and bad numeric options', () => {
    expect(() => new Pipedrive({ apiToken: TOKEN, accessToken: TOKEN, domain: 'x' })).toThrow(/either apiToken or accessToken/);
    expect(() => new Pipedrive({ apiToken: TOKEN, domain: 'x', timeout: 0 })).toThrow(/timeout/);
    expect(() => new Pipedrive({ apiToken: TOKEN, domain: 'x', rateLimit: { requestsPerSecond: -1 } })).toThrow(/requestsPerSecond/);
  });

  it('has one method per stream and a catalog derived from the table', () => {
    const pd = new Pipedrive({ apiToken: TOKEN, domain: 'mycompany' });
    const methods = ['deals', 'persons', 'organizations', 'activities', 'leads', 'notes', 'products', 'files', 'pipelines', 'stages', 'users', 'dealFields', 'personFields', 'organizationFields', 'activityTypes', 'leadLabels', 'filters', 'currencies'];
    expect(Pipedrive.streams.map((s) => s.method)).toEqual(methods);
    for (const method of methods) expect(typeof (pd as unknown as Record<string, unknown>)[method]).toBe('function');
    const deals = Pipedrive.streams.find((s) => s.name === 'deals')!;
    expect(deals).toMatchObject({ api: 'v2', incremental: true, primaryKey: 'id', cursorField: 'update_time', tokenCost: 10, tokenCosts: [10, 20] });
    expect(Pipedrive.streams.find((s) => s.name === 'currencies')).toMatchObject({ api: 'v1', incremental: false, cursorField: null, pagination: 'none' });
  });

  it('requests nothing until iteration starts', () => {
    let calls = 0;
    const pd = new Pipedrive({ apiToken: TOKEN, domain: 'mycompany', fetch: async () => { calls += 1; return new Response('{}'); } });
    pd.deals();
    pd.stages().pages();
    expect(calls).toBe(0);
  });
});
