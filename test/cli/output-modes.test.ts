import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, snapshot, startFake, tempDir, type CliRun, type RunningFake } from './helpers.js';

const TOKEN = 'Sup3r-Secret-T0ken-4f9a2c';
let fake: RunningFake;
let dir: string;

beforeAll(async () => {
  // rate limits and a few 500s: retries and rate-limit waits show up in the output
  fake = await startFake(
    { seed: 51, counts: { deals: 300, persons: 100 } },
    { apiToken: TOKEN, rateLimit: { requestsPer2s: 4 }, faults: { seed: 3, rate: 0.15, kinds: ['500'], skipFirst: 2 } },
  );
  dir = await tempDir();
});
afterAll(async () => {
  await fake.close();
  await removeDir(dir);
});

async function sync(name: string, extra: string[], options: { tty?: boolean; env?: Record<string, string> } = {}): Promise<CliRun> {
  return runCli(['sync', '--base-url', fake.url, '--out', join(dir, name), '--state', join(dir, `${name}.json`), '--streams', 'deals,persons,stages', '--rate', '1000', ...extra], {
    env: options.env ?? { PIPEDRIVE_API_TOKEN: TOKEN },
    ...(options.tty !== undefined ? { tty: options.tty } : {}),
  });
}

async function expectNoToken(run: CliRun, secret = TOKEN, except: string[] = []): Promise<void> {
  expect(run.stdout).not.toContain(secret);
  expect(run.stderr).not.toContain(secret);
  for (const [path, bytes] of await snapshot(dir)) {
    if (except.includes(path)) continue;
    expect(bytes.includes(secret), `${path} holds the token`).toBe(false);
  }
}

describe('output modes', () => {
  it('--json prints one JSON object per line on stdout, and nothing else there', async () => {
    const run = await sync('json', ['--json']);
    expect(run.code).toBe(0);
    const events = run.stdout
      .split('\n')
      .slice(0, -1)
      .map((line) => JSON.parse(line) as { type: string; time: string });
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(events.every((e) => typeof e === 'object' && typeof e.type === 'string' && typeof e.time === 'string')).toBe(true);
    const types = new Set(events.map((e) => e.type));
    for (const type of ['run_start', 'stream_start', 'stream_end', 'checkpoint', 'retry', 'rate_limit_wait', 'summary']) expect(types).toContain(type);
    expect(events.at(-1)!.type).toBe('summary');
    expect(run.stderr).toBe('');
    await expectNoToken(run);
  });

  it('on a terminal, draws a live display on stderr and the summary table on stdout', async () => {
    const run = await sync('tty', [], { tty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('\x1b[?25l');
    expect(run.stderr).toContain('\x1b[2K');
    expect(run.stderr).toMatch(/req\/s/);
    expect(run.stderr).toContain('\x1b[?25h');
    expect(run.stdout).toMatch(/^stream\s+mode\s+status\s+records/);
    expect(run.stdout).toMatch(/^Done in .* 3\/3 streams/m);
    await expectNoToken(run);
  });

  it('without a terminal, writes plain log lines on stderr and the summary table on stdout', async () => {
    const run = await sync('plain', []);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('\x1b[');
    expect(run.stderr).toMatch(/deals: start \(incremental\)/);
    expect(run.stderr).toMatch(/deals: done, [\d,]+ records/);
    expect(run.stdout).toMatch(/^total\s/m);
    await expectNoToken(run);
  });

  it('never shows a refused token', async () => {
    const wrong = 'Wr0ng-Token-9b8c7d6e';
    for (const extra of [['--json'], []]) {
      const run = await sync('refused', extra, { env: { PIPEDRIVE_API_TOKEN: wrong } });
      expect(run.code).toBe(3);
      await expectNoToken(run, wrong);
    }
  });

  it('never quotes the token of a broken env file or connection variable', async () => {
    const envFile = join(dir, 'env.yaml');
    await writeFile(envFile, `connections:\n  PIPEDRIVE:\n    secrets: { api_token: "${TOKEN}", domain: [\n`);
    const fromFile = await sync('broken-env', ['--env-file', envFile], { env: {} });
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toMatch(/env file .* is not valid YAML at line \d+\.\n$/);
    const fromVariable = await sync('broken-var', [], { env: { PIPEDRIVE: `{ type: api, secrets: { api_token: "${TOKEN}", domain: "x" ` } });
    expect(fromVariable.code).toBe(2);
    expect(fromVariable.stderr).toMatch(/PIPEDRIVE variable is not valid YAML/);
    await expectNoToken(fromFile, TOKEN, ['env.yaml']);
    await expectNoToken(fromVariable, TOKEN, ['env.yaml']);
    expect(await readFile(envFile, 'utf8')).toContain(TOKEN); // the only place it is
  });
});
