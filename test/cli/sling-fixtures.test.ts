import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Pipedrive } from '../../src/index.js';
import { readJsonl, removeDir, runCli, SLING_FIXTURES, startFake, tempDir, type RunningFake } from './helpers.js';

const REPLICATIONS = [
  'replication-incremental-core.yaml',
  'replication-full-refresh-reference.yaml',
  'replication-sync-all.yaml',
  'replication-core-sales.yaml',
  'replication-leads-pipeline.yaml',
  'replication-pipeline-config.yaml',
  'replication-full-export.yaml',
];

/** What Sling's rules say a replication file selects: stream -> { mode, file }. */
async function expectedStreams(file: string): Promise<Map<string, { mode: string; file: string }>> {
  const doc = parse(await readFile(join(SLING_FIXTURES, file), 'utf8')) as {
    defaults: { mode?: string; object: string };
    streams: Record<string, { mode?: string } | null>;
  };
  const names = Object.keys(doc.streams).includes('*') ? Pipedrive.streams.map((s) => s.name as string) : Object.keys(doc.streams);
  const expected = new Map<string, { mode: string; file: string }>();
  for (const name of names) {
    const wanted = doc.streams[name]?.mode ?? doc.defaults.mode ?? 'incremental';
    const incremental = Pipedrive.streams.find((s) => s.name === name)!.incremental;
    expected.set(name, { mode: wanted === 'incremental' && incremental ? 'incremental' : 'full-refresh', file: `${doc.defaults.object.replace('{stream_name}', name)}.jsonl` });
  }
  return expected;
}

/** The PIPEDRIVE variable as `source connection.env` would set it. */
async function connectionVariable(): Promise<string> {
  const line = (await readFile(join(SLING_FIXTURES, 'connection.env'), 'utf8')).trim();
  const value = line.slice(line.indexOf('=') + 1);
  return value.replace(/^'(.*)'$/, '$1');
}

const CONNECTIONS: { name: string; args: () => string[]; env: () => Promise<Record<string, string>> }[] = [
  { name: 'env.yaml', args: () => ['--env-file', join(SLING_FIXTURES, 'env.yaml')], env: async () => ({}) },
  { name: 'env-with-anchor-date.yaml', args: () => ['--env-file', join(SLING_FIXTURES, 'env-with-anchor-date.yaml')], env: async () => ({}) },
  { name: 'connection.env (PIPEDRIVE variable)', args: () => [], env: async () => ({ PIPEDRIVE: await connectionVariable() }) },
];

let fake: RunningFake;
let dir: string;
beforeAll(async () => {
  // The files' token is a placeholder; the fake accepts it, and --base-url replaces their domain.
  fake = await startFake({ seed: 5, counts: { deals: 60, persons: 40, organizations: 20, activities: 60, leads: 20, notes: 30, products: 10, files: 12 } }, { apiToken: 'abc123def456' });
  dir = await tempDir();
});
afterAll(async () => {
  await fake.close();
  await removeDir(dir);
});

describe("Sling's example files run unchanged", () => {
  for (const replication of REPLICATIONS) {
    for (const connection of CONNECTIONS) {
      it(`${replication} with ${connection.name}: one file per stream named by defaults.object, modes as Sling's rules say`, async () => {
        const out = join(dir, `${replication}-${connection.name.replace(/\W+/g, '_')}`);
        fake.fake.resetLog();
        const run = await runCli(['sync', '--replication', join(SLING_FIXTURES, replication), ...connection.args(), '--base-url', fake.url, '--rate', '1000', '--out', out, '--state', join(dir, `${replication}-${connection.name.replace(/\W+/g, '_')}.state.json`), '--json'], {
          env: await connection.env(),
        });
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const expected = await expectedStreams(replication);
        expect((await readdir(out)).sort()).toEqual([...expected.values()].map((e) => e.file).sort());
        const events = run.stdoutLines.map((line) => JSON.parse(line) as { type: string; stream?: string; mode?: string });
        const modes = new Map(events.filter((e) => e.type === 'stream_start').map((e) => [e.stream!, e.mode!]));
        expect(modes).toEqual(new Map([...expected].map(([name, e]) => [name, e.mode])));
        // every file holds the stream's records
        for (const [name, e] of expected) {
          const lines = await readJsonl(join(out, e.file));
          if (name === 'deals') expect(lines.length).toBeGreaterThan(0);
        }
        const sinceValues = new Set(fake.fake.requests.map((r) => r.query['updated_since']).filter((v): v is string => v !== undefined));
        if (connection.name.startsWith('env-with-anchor-date') && [...expected.values()].some((e) => e.mode === 'incremental')) {
          expect(sinceValues).toContain('2020-01-01T00:00:00Z');
        } else {
          expect(sinceValues).not.toContain('2020-01-01T00:00:00Z');
        }
      });
    }
  }

  it('reads connection.env itself with --env-file (a NAME=value file)', async () => {
    const out = join(dir, 'connection-env-file');
    const run = await runCli(['sync', '--replication', join(SLING_FIXTURES, 'replication-core-sales.yaml'), '--env-file', join(SLING_FIXTURES, 'connection.env'), '--base-url', fake.url, '--rate', '1000', '--out', out]);
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['sales.activities.jsonl', 'sales.deals.jsonl', 'sales.organizations.jsonl', 'sales.persons.jsonl']);
  });
});
