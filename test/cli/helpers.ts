import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { main, type Writer } from '../../src/cli/cli.js';
import { createDataset, createFakePipedrive, type CreateDatasetOptions, type FakePipedrive, type FakePipedriveOptions } from '../../src/testing/index.js';

/** A writer that keeps what it is given. */
export interface Capture extends Writer {
  text(): string;
  lines(): string[];
}

/** Collects writes; `tty` makes it look like a terminal; `onWrite` sees each chunk as it comes. */
export function capture(options: { tty?: boolean; onWrite?: (chunk: string) => void } = {}): Capture {
  const chunks: string[] = [];
  return {
    isTTY: options.tty ?? false,
    columns: 160,
    write(chunk: string) {
      chunks.push(chunk);
      options.onWrite?.(chunk);
      return true;
    },
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line !== ''),
  };
}

/** What one in-process CLI run produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  stdoutLines: string[];
}

/** Runs the CLI in-process with the given environment (nothing from process.env leaks in). */
export async function runCli(
  argv: string[],
  options: { env?: Record<string, string>; cwd?: string; tty?: boolean; onStdout?: (chunk: string) => void; signal?: AbortSignal } = {},
): Promise<CliRun> {
  const stdout = capture({ ...(options.onStdout ? { onWrite: options.onStdout } : {}) });
  const stderr = capture({ tty: options.tty ?? false });
  const code = await main(argv, {
    env: options.env ?? {},
    stdout,
    stderr,
    ...(options.cwd ? { cwd: options.cwd } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text(), stdoutLines: stdout.lines() };
}

/** A fake Pipedrive on 127.0.0.1. */
export interface RunningFake {
  fake: FakePipedrive;
  url: string;
  close(): Promise<void>;
}

/** Starts a fake over a small dataset. */
export async function startFake(dataset: CreateDatasetOptions = { seed: 3 }, options: Partial<FakePipedriveOptions> = {}): Promise<RunningFake> {
  const fake = createFakePipedrive({ dataset: createDataset(dataset), ...options });
  const server = await fake.listen();
  return { fake, url: server.url, close: () => server.close() };
}

/** A fresh temporary folder. */
export async function tempDir(prefix = 'pdx-cli-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Removes a temporary folder. */
export async function removeDir(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/** `startFake` inside a test: the fake is closed when the test finishes, pass or fail. */
export async function startFakeForTest(dataset?: CreateDatasetOptions, options?: Partial<FakePipedriveOptions>): Promise<RunningFake> {
  const fake = await startFake(dataset, options);
  onTestFinished(() => fake.close());
  return fake;
}

/** `tempDir` inside a test: the folder is removed when the test finishes, pass or fail. */
export async function tempDirForTest(): Promise<string> {
  const dir = await tempDir();
  onTestFinished(() => removeDir(dir));
  return dir;
}

/** Every file under `folder` (recursively) with its bytes, by relative path. */
export async function snapshot(folder: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const walk = async (dir: string, prefix: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path, `${prefix}${entry.name}/`);
      else files.set(`${prefix}${entry.name}`, await readFile(path));
    }
  };
  if (await stat(folder).catch(() => undefined)) await walk(folder, '');
  return files;
}

/** The JSON values of a JSON Lines file. */
export async function readJsonl(path: string): Promise<Record<string, unknown>[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The path of Sling's example files, as the brief resolves it. */
export const SLING_FIXTURES = join(process.cwd(), '..', 'shared', 'fixtures', 'sling');
