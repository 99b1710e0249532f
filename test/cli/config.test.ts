import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConnectionVariable } from '../../src/cli/config/connection.js';
import { resolveCredentials } from '../../src/cli/config/credentials.js';
import { parseDotenv, readEnvFile } from '../../src/cli/config/env-file.js';
import { renderObjectName } from '../../src/cli/config/object-name.js';
import { parseReplication } from '../../src/cli/config/replication.js';
import { planStreams } from '../../src/cli/config/stream-plan.js';
import { countsForSize } from '../../src/cli/commands/mock-counts.js';
import { JsonlFile } from '../../src/cli/output/jsonl-file.js';
import { writeFileAtomic } from '../../src/cli/output/atomic-write.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { removeDir, runCli, tempDir } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => {
  await removeDir(dir);
});

const replication = (streams: Record<string, unknown>, defaults: Record<string, unknown> = {}) => parseReplication({ source: 'PIPEDRIVE', target: 'DB', defaults, streams }, 'r.yaml');

describe('connections', () => {
  it("reads Sling's PIPEDRIVE variable (a YAML flow mapping) and JSON", () => {
    expect(parseConnectionVariable('{ type: api, spec: pipedrive, secrets: { api_token: "abc", domain: "acme" }, inputs: { anchor_date: "2021-02-03" } }', 'PIPEDRIVE')).toEqual({
      from: 'the PIPEDRIVE variable',
      apiToken: 'abc',
      domain: 'acme',
      anchorDate: '2021-02-03',
    });
    expect(parseConnectionVariable('{"type":"api","secrets":{"api_token":"abc","domain":"acme"}}', 'PIPEDRIVE').domain).toBe('acme');
    expect(() => parseConnectionVariable('{ type: api, spec: hubspot }', 'PIPEDRIVE')).toThrow(/spec: pipedrive/);
  });

  it('reads dotenv lines with export, quotes and comments, and refuses other text', () => {
    expect(parseDotenv("# Sling\nexport PIPEDRIVE='{ type: api }'\nOTHER=\"x y\"\n")).toEqual({ PIPEDRIVE: '{ type: api }', OTHER: 'x y' });
    expect(parseDotenv('connections:\n  PIPEDRIVE:\n')).toBeUndefined();
  });

  it('prefers --env-file, then the connection variable, then PIPEDRIVE_API_TOKEN', async () => {
    const envYaml = join(dir, 'env.yaml');
    await writeFile(envYaml, 'connections:\n  PD2:\n    type: api\n    secrets:\n      api_token: from-file\n      domain: filecorp\n');
    const envFile = await readEnvFile(envYaml);
    expect(resolveCredentials({ env: { PIPEDRIVE_API_TOKEN: 'from-env', PIPEDRIVE_DOMAIN: 'envcorp' }, envFile, connectionName: 'PD2' })).toMatchObject({ apiToken: 'from-file', domain: 'filecorp' });
    expect(() => resolveCredentials({ env: {}, envFile, connectionName: 'PIPEDRIVE' })).toThrow(/no connection "PIPEDRIVE" \(it has: PD2\)/);
    const variable = '{ secrets: { api_token: from-var, domain: varcorp } }';
    expect(resolveCredentials({ env: { PIPEDRIVE: variable, PIPEDRIVE_API_TOKEN: 'from-env' }, connectionName: 'PIPEDRIVE' })).toMatchObject({ apiToken: 'from-var', domain: 'varcorp' });
    expect(resolveCredentials({ env: { PIPEDRIVE_API_TOKEN: 'from-env', PIPEDRIVE_DOMAIN: 'envcorp' }, connectionName: 'PIPEDRIVE' })).toMatchObject({ apiToken: 'from-env', domain: 'envcorp' });
    expect(resolveCredentials({ env: { PIPEDRIVE_API_TOKEN: 't', PIPEDRIVE_BASE_URL: 'http://localhost:4010/' }, connectionName: 'PIPEDRIVE' })).toMatchObject({ baseUrl: 'http://localhost:4010' });
  });
});

describe('replication files', () => {
  it("applies Sling's rules: '*' for all, a stream's own mode over defaults.mode, incremental only where possible", () => {
    const plan = planStreams({ replication: replication({ '*': null, pipelines: { mode: 'full-refresh' }, deals: { object: 'my_deals' } }, { mode: 'incremental', object: 'pd.{stream_name}' }) });
    expect(plan).toHaveLength(18);
    expect(plan.find((p) => p.name === 'deals')).toEqual({ name: 'deals', mode: 'incremental', object: 'my_deals' });
    expect(plan.find((p) => p.name === 'users')).toEqual({ name: 'users', mode: 'full-refresh', object: 'pd.users' });
    expect(plan.find((p) => p.name === 'products')!.mode).toBe('incremental');
  });

  it('supports * patterns, disabled streams, a --streams subset and a --mode override', () => {
    const r = replication({ '*_fields': null, deals: null, persons: { disabled: true } }, { mode: 'full-refresh' });
    expect(planStreams({ replication: r }).map((p) => p.name)).toEqual(['deals', 'deal_fields', 'person_fields', 'organization_fields']);
    expect(planStreams({ replication: r, streams: ['deals'] })).toEqual([{ name: 'deals', mode: 'full-refresh', object: 'deals' }]);
    expect(() => planStreams({ replication: r, streams: ['persons'] })).toThrow(/does not select/);
    expect(planStreams({ replication: r, mode: 'incremental' }).map((p) => p.mode)).toEqual(['incremental', 'full-refresh', 'full-refresh', 'full-refresh']);
  });

  it('refuses incremental named on a reference stream, and reports Sling keys it ignores', () => {
    expect(() => planStreams({ replication: replication({ stages: { mode: 'incremental' } }) })).toThrow(/stages cannot be synced incrementally/);
    expect(replication({ deals: { primary_key: ['id'], update_key: 'update_time' } }).ignored).toEqual(['streams.deals.primary_key', 'streams.deals.update_key']);
  });

  it('renders object names and refuses paths and unknown variables', () => {
    const vars = { stream_name: 'deals', source_name: 'PIPEDRIVE', target_name: 'MY_POSTGRES' };
    expect(renderObjectName('pipedrive.{stream_name}', vars)).toBe('pipedrive.deals');
    expect(renderObjectName('{target_name}_{stream_name}', vars)).toBe('MY_POSTGRES_deals');
    expect(() => renderObjectName('../{stream_name}', vars)).toThrow(UsageError);
    expect(() => renderObjectName('{stream_schema}.{stream_name}', vars)).toThrow(/\{stream_schema\}/);
  });
});

describe('files', () => {
  it('replaces a file only when the new one is committed', async () => {
    const path = join(dir, 'stages.jsonl');
    await writeFile(path, '{"old":true}\n');
    const failed = await JsonlFile.open(path, 'replace');
    await failed.write({ id: 1 });
    await failed.discard();
    expect(await readFile(path, 'utf8')).toBe('{"old":true}\n');
    const ok = await JsonlFile.open(path, 'replace');
    await ok.write({ id: 2 });
    await ok.commit();
    expect(await readFile(path, 'utf8')).toBe('{"id":2}\n');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes a file atomically, leaving no temporary file', async () => {
    const path = join(dir, 'state.json');
    await writeFileAtomic(path, '{"a":1}');
    await writeFileAtomic(path, '{"a":2}');
    expect(await readFile(path, 'utf8')).toBe('{"a":2}');
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('mock', () => {
  it('scales the account from the deal count', () => {
    expect(countsForSize(2000)).toMatchObject({ deals: 2000, persons: 1500, activities: 3000, files: 400, users: 6 });
  });

  it('prints the URL and the token to use, and stops when asked', async () => {
    const stop = new AbortController();
    const run = runCli(['mock', '--port', '0', '--size', '20', '--latency', '5', '--rate-limit', '40'], {
      signal: stop.signal,
      onStdout: (chunk) => {
        if (chunk.includes('Ctrl+C')) stop.abort();
      },
    });
    const { code, stdout } = await run;
    expect(code).toBe(0);
    expect(stdout).toMatch(/export PIPEDRIVE_BASE_URL=http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toContain('export PIPEDRIVE_API_TOKEN=test-token');
  });
});
