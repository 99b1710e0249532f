import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ExitCode } from '../../src/cli/cli.js';
import type { FakePipedriveOptions } from '../../src/testing/index.js';
import { runCli, startFakeForTest, tempDirForTest } from './helpers.js';

const env = { PIPEDRIVE_API_TOKEN: 'test-token' };

async function syncAgainst(options: Partial<FakePipedriveOptions>, extra: string[] = [], runEnv = env) {
  const fake = await startFakeForTest({ seed: 41, counts: { deals: 80 } }, options);
  const dir = await tempDirForTest();
  return runCli(['sync', '--base-url', fake.url, '--rate', '1000', '--out', join(dir, 'out'), '--state', join(dir, 'state.json'), '--streams', 'deals,persons,pipelines', ...extra], { env: runEnv });
}

/** A loopback Pipedrive that answers 404 on one path and passes everything else to `target` (closed after the test). */
async function notFoundOn(path: string, target: string): Promise<string> {
  const proxy = createServer((req, res) => {
    if ((req.url ?? '').startsWith(path)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ success: false, error: 'Unknown method .', errorCode: 404 }));
      return;
    }
    fetch(`${target}${req.url}`, { headers: { 'x-api-token': String(req.headers['x-api-token'] ?? '') } }).then(async (answer) => {
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
    }, () => res.destroy());
  });
  onTestFinished(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

describe('exit codes', () => {
  it('exits 0 when every stream succeeded', async () => {
    expect((await syncAgainst({})).code).toBe(ExitCode.ok);
  });

  it('exits 3 when Pipedrive refuses the token', async () => {
    const run = await syncAgainst({ apiToken: 'another-token' });
    expect(run.code).toBe(ExitCode.authentication);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^pipedrive-extract: .*401/);
  });

  it('exits 4 when the daily token budget is spent', async () => {
    const run = await syncAgainst({ dailyTokenBudget: 30, rateLimit: { requestsPer2s: 100 } });
    expect(run.code).toBe(ExitCode.dailyBudget);
    expect(run.stderr).toMatch(/daily token budget/);
  });

  it('exits 5 when Cloudflare blocks the token', async () => {
    const run = await syncAgainst({ dailyTokenBudget: 30, cloudflareBlockAfter: 1 });
    expect(run.code).toBe(ExitCode.forbidden);
    expect(run.stderr).toMatch(/Cloudflare/);
  });

  it('exits 1 when a stream ends with an error while the others finish', async () => {
    const fake = await startFakeForTest({ seed: 42, counts: { deals: 40 } });
    const dir = await tempDirForTest();
    const url = await notFoundOn('/api/v1/files', fake.url);
    const run = await runCli(['sync', '--base-url', url, '--rate', '1000', '--out', join(dir, 'out'), '--streams', 'deals,files,stages', '--json'], { env });
    expect(run.code).toBe(ExitCode.failure);
    const summary = JSON.parse(run.stdoutLines.at(-1)!) as { type: string; streams: { stream: string; status: string }[] };
    expect(summary.type).toBe('summary');
    expect(Object.fromEntries(summary.streams.map((s) => [s.stream, s.status]))).toEqual({ deals: 'done', files: 'failed', stages: 'done' });
    expect(run.stderr).toMatch(/^pipedrive-extract: 1 stream failed/m);
  });

  it('exits 130 when interrupted, with a valid state from the last checkpoint', async () => {
    const fake = await startFakeForTest({ seed: 43, counts: { deals: 3000 } }, { latency: { ms: 40 } });
    const dir = await tempDirForTest();
    const state = join(dir, 'state.json');
    const stop = new AbortController();
    let checkpoints = 0;
    const run = await runCli(['sync', '--base-url', fake.url, '--rate', '1000', '--out', join(dir, 'out'), '--state', state, '--streams', 'deals', '--anchor-date', '2000-01-01', '--json'], {
      env,
      signal: stop.signal,
      onStdout: (chunk) => {
        if (chunk.includes('"type":"checkpoint"') && ++checkpoints === 2) stop.abort(new Error('SIGINT'));
      },
    });
    expect(run.code).toBe(ExitCode.interrupted);
    expect(run.stderr).toMatch(/Interrupted/);
    const saved = JSON.parse(await readFile(state, 'utf8')) as { streams: { deals?: { watermark: string } } };
    expect(saved.streams.deals?.watermark).toMatch(/^\d{4}-/);
  });
});
