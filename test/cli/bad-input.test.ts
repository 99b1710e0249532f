import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/cli.js';
import { removeDir, runCli, snapshot, startFake, tempDir, type RunningFake } from './helpers.js';

let fake: RunningFake;
let dir: string;
let out: string;
let state: string;
const env = { PIPEDRIVE_API_TOKEN: 'test-token' };

beforeAll(async () => {
  fake = await startFake({ seed: 31, counts: { deals: 50, persons: 20 } });
  dir = await tempDir();
  out = join(dir, 'out');
  state = join(dir, 'state.json');
  // a good first run: output files and a state that must survive every bad run below unchanged
  const run = await runCli(['sync', '--base-url', fake.url, '--rate', '1000', '--out', out, '--state', state, '--streams', 'deals,persons,stages'], { env });
  expect(run.code).toBe(0);
  await mkdir(join(dir, 'a-folder'));
  await writeFile(join(dir, 'corrupt.json'), '{"version":1,"streams":{"deals":{"watermark":"yesterday"');
  await writeFile(join(dir, 'future.json'), JSON.stringify({ version: 9, streams: {} }));
  await writeFile(join(dir, 'broken.yaml'), 'source: PIPEDRIVE\nstreams:\n  deals: [\n');
  await writeFile(join(dir, 'unknown-key.yaml'), 'source: PIPEDRIVE\ntarget: X\nstreems:\n  deals:\n');
  await writeFile(join(dir, 'truncate.yaml'), 'source: PIPEDRIVE\ndefaults:\n  mode: truncate\nstreams:\n  deals:\n');
  await writeFile(join(dir, 'unknown-stream.yaml'), 'source: PIPEDRIVE\nstreams:\n  deals:\n  invoices:\n');
  await writeFile(join(dir, 'same-object.yaml'), 'source: PIPEDRIVE\ndefaults:\n  object: everything\nstreams:\n  deals:\n  persons:\n');
});
afterAll(async () => {
  await fake.close();
  await removeDir(dir);
});

const base = () => ['sync', '--base-url', fake.url, '--rate', '1000', '--out', out, '--state', state];

const CASES: { name: string; argv: () => string[]; env?: Record<string, string>; says: RegExp }[] = [
  { name: 'an unknown stream', argv: () => [...base(), '--streams', 'deals,invoices'], says: /Unknown stream "invoices"/ },
  { name: 'a bad anchor date', argv: () => [...base(), '--anchor-date', '2020-13-45'], says: /--anchor-date "2020-13-45" is not a date/ },
  { name: 'a future anchor date', argv: () => [...base(), '--anchor-date', '2999-01-01'], says: /in the future/ },
  { name: 'an unreadable state file (a folder)', argv: () => [...base().slice(0, -1), join(dir, 'a-folder')], says: /state file .* is a directory/ },
  { name: 'a corrupt state file', argv: () => [...base().slice(0, -1), join(dir, 'corrupt.json')], says: /state file .*not valid JSON/ },
  { name: 'a state of an unknown version', argv: () => [...base().slice(0, -1), join(dir, 'future.json')], says: /version 9/ },
  { name: 'a state file in a missing folder', argv: () => [...base().slice(0, -1), join(dir, 'nope', 'state.json')], says: /folder of the state file/ },
  { name: 'a missing replication file', argv: () => [...base(), '--replication', join(dir, 'missing.yaml')], says: /replication file .* does not exist/ },
  { name: 'a replication file that is not YAML', argv: () => [...base(), '--replication', join(dir, 'broken.yaml')], says: /not valid YAML at line/ },
  { name: 'a replication file with an unknown key', argv: () => [...base(), '--replication', join(dir, 'unknown-key.yaml')], says: /unknown key "streems"/ },
  { name: "a Sling mode pipedrive-extract does not have", argv: () => [...base(), '--replication', join(dir, 'truncate.yaml')], says: /Mode "truncate"/ },
  { name: 'a replication file naming an unknown stream', argv: () => [...base(), '--replication', join(dir, 'unknown-stream.yaml')], says: /Unknown stream "invoices"/ },
  { name: 'two streams writing one file', argv: () => [...base(), '--replication', join(dir, 'same-object.yaml')], says: /both write everything\.jsonl/ },
  { name: 'a missing token', argv: () => base(), env: {}, says: /No Pipedrive API token/ },
  { name: 'a missing domain', argv: () => ['sync', '--out', out, '--state', state], says: /No Pipedrive domain/ },
  { name: 'a domain that is not Pipedrive', argv: () => ['sync', '--domain', 'example.org/x', '--out', out, '--state', state], says: /domain/ },
  { name: 'a base URL that is not loopback', argv: () => [...base().slice(0, 1), '--base-url', 'https://mycompany.pipedrive.com', '--out', out], says: /not a loopback address/ },
  { name: 'a bad mode', argv: () => [...base(), '--mode', 'fast'], says: /--mode must be incremental or full-refresh/ },
  { name: 'a bad concurrency', argv: () => [...base(), '--concurrency', '0'], says: /--concurrency must be an integer >= 1/ },
  { name: 'an unknown option', argv: () => [...base(), '--limit', '5'], says: /Unknown option '--limit'/ },
  { name: 'a missing env file', argv: () => [...base(), '--env-file', join(dir, 'env.yaml')], says: /env file .* does not exist/ },
  { name: 'an unknown command', argv: () => ['export'], says: /Unknown command "export"/ },
];

describe('bad input', () => {
  for (const c of CASES) {
    it(`stops on ${c.name} with one line on stderr, exit 2, and every file unchanged`, async () => {
      const before = await snapshot(dir);
      const run = await runCli(c.argv(), { env: c.env ?? env });
      expect(run.code).toBe(ExitCode.usage);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^pipedrive-extract: [^\n]+\n$/);
      expect(run.stderr).toMatch(c.says);
      expect(await snapshot(dir)).toEqual(before);
    });
  }

  it('prints the usage with exit 2 when no command is given', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('Usage: pipedrive-extract <command>');
  });

  it('prints help with exit 0', async () => {
    for (const argv of [['--help'], ['sync', '--help'], ['mock', '--help'], ['discover', '--help'], ['streams', '--help']]) {
      const run = await runCli(argv);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: pipedrive-extract/);
    }
  });
});
