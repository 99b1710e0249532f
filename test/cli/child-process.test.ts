import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startFake, tempDir, type RunningFake } from './helpers.js';

const MAIN = join(process.cwd(), 'src', 'cli', 'main.ts');
const TSX = join(process.cwd(), 'node_modules', 'tsx', 'dist', 'cli.mjs');

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `tsx src/cli/main.ts ...args` as a real process; `onStdout` may act on its output (e.g. send a signal). */
function runChild(args: string[], env: Record<string, string>, onStdout?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, MAIN, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

let fake: RunningFake;
let dir: string;
beforeAll(async () => {
  fake = await startFake({ seed: 61, counts: { deals: 40 } });
  dir = await tempDir();
});
afterAll(async () => {
  await fake.close();
  await removeDir(dir);
});

describe('as a real process', () => {
  it('exits 0 after a sync and 2 without a token', async () => {
    const ok = await runChild(['sync', '--base-url', fake.url, '--rate', '1000', '--out', join(dir, 'out'), '--streams', 'deals,stages', '--json'], { PIPEDRIVE_API_TOKEN: 'test-token' });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout.trim().split('\n').at(-1)!)).toMatchObject({ type: 'summary', exitCode: 0 });
    const missing = await runChild(['sync', '--out', join(dir, 'out2')], {});
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^pipedrive-extract: No Pipedrive API token[^\n]*\n$/);
  });

  it('serves the fake with `mock` until SIGTERM, printing the URL and token', async () => {
    const run = await runChild(['mock', '--port', '0', '--size', '50', '--token', 'mock-token', '--json'], {}, (text, child) => {
      if (text.includes('\n')) child.kill('SIGTERM');
    });
    expect(run.code).toBe(0);
    const listening = JSON.parse(run.stdout.split('\n')[0]!) as { url: string; token: string };
    expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(listening.token).toBe('mock-token');
  });
});
