import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/cli.js';
import { LOCK_FILE } from '../../src/cli/commands/sync-run.js';
import { runCli, startFakeForTest, tempDirForTest } from './helpers.js';


const env = { PIPEDRIVE_API_TOKEN: 'test-token' };

async function setUp(options: Parameters<typeof startFakeForTest>[1] = {}) {
  const fake = await startFakeForTest({ seed: 43, counts: { deals: 60 } }, options);
  const dir = await tempDirForTest();
  const out = join(dir, 'out');
  const state = join(dir, 'state.json');
  const sync = (extra: string[] = []) =>
    runCli(['sync', '--base-url', fake.url, '--rate', '1000', '--out', out, '--state', state, '--streams', 'deals,persons,pipelines', ...extra], { env });
  return { fake, dir, out, state, sync };
}

/** A process id that is not running: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('sync client flags', () => {
  it('--daily-token-budget stops with exit 4 before spending more than the budget, keeping a state to resume from', async () => {
    const { fake, state, sync } = await setUp();
    const run = await sync(['--daily-token-budget', '25', '--concurrency', '1']);
    expect(run.code).toBe(ExitCode.dailyBudget);
    expect(run.stderr).toMatch(/budget/i);
    expect(fake.fake.tokensSpent()).toBeLessThanOrEqual(25);
    expect(fake.fake.tokensSpent()).toBeGreaterThan(0);
    const resumed = await sync();
    expect(resumed.code).toBe(ExitCode.ok);
    expect(JSON.parse(await readFile(state, 'utf8')).streams.deals).toBeDefined();
  });

  it('--retries 0 fails on the first 500 where the default would retry', async () => {
    const { fake, sync } = await setUp({ faults: { rate: 1, kinds: ['500'] } });
    const run = await sync(['--retries', '0', '--streams', 'pipelines']);
    expect(run.code).toBe(ExitCode.failure);
    expect(fake.fake.requests.filter((entry) => entry.path.includes('pipelines'))).toHaveLength(1);
  });

  it('--timeout aborts a slow answer and says which limit was hit', async () => {
    const { fake, sync } = await setUp({ latency: { ms: 400 } });
    const run = await sync(['--timeout', '50', '--retries', '0', '--streams', 'pipelines']);
    expect(run.code).toBe(ExitCode.failure);
    expect(run.stderr).toMatch(/timed out|timeout/i);
  });

  it.each([
    ['--daily-token-budget', '0'],
    ['--retries', '-1'],
    ['--timeout', 'soon'],
  ])('rejects %s %s with exit 2 before any request', async (flag, value) => {
    const { fake, sync } = await setUp();
    const run = await sync([flag, value]);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain(flag);
    expect(fake.fake.requests).toHaveLength(0);
  });
});

describe('one sync at a time', () => {
  it('refuses to run while another live process holds the output folder, and leaves its files alone', async () => {
    const { fake, out, sync } = await setUp();
    expect((await sync()).code).toBe(ExitCode.ok);
    const before = await readFile(join(out, 'deals.jsonl'), 'utf8');
    // The test runner itself is a live process that is not this run.
    await writeFile(join(out, LOCK_FILE), `${process.ppid}\n`);
    fake.fake.resetLog();
    const run = await sync();
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain(`process ${process.ppid}`);
    expect(run.stderr).toMatch(/delete .*\.pipedrive-extract\.lock/);
    expect(fake.fake.requests).toHaveLength(0);
    expect(await readFile(join(out, 'deals.jsonl'), 'utf8')).toBe(before);
    expect(await readFile(join(out, LOCK_FILE), 'utf8')).toBe(`${process.ppid}\n`);
  });

  it('refuses a second run on the same state file with another output folder', async () => {
    const { dir, state, sync } = await setUp();
    await writeFile(`${state}.lock`, `${process.ppid}\n`);
    const run = await sync(['--out', join(dir, 'other')]);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('state.json.lock');
  });

  it('takes over a lock left by a killed run and removes its own locks at the end', async () => {
    const { dir, out, state, sync } = await setUp();
    await sync(['--streams', 'pipelines']);
    const pid = await deadPid();
    await writeFile(join(out, LOCK_FILE), `${pid}\n`);
    await writeFile(`${state}.lock`, `${pid}\n`);
    const run = await sync();
    expect(run.code).toBe(ExitCode.ok);
    expect(await readdir(out)).not.toContain(LOCK_FILE);
    expect(await readdir(dir)).not.toContain('state.json.lock');
  });
});
