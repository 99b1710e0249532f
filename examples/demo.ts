/**
 * The demo: a fake Pipedrive with a realistic account, a full sync of all 18 streams into ./demo-output
 * through the CLI's own `sync`, some changes, an incremental sync, and what changed.
 *
 *   npm run demo
 *
 * No account and no network needed: the fake listens on 127.0.0.1, with latency and rate limits on.
 */
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main, type Writer } from '../src/cli/cli.js';
import { countsForSize } from '../src/cli/commands/mock-counts.js';
import { createDataset, createFakePipedrive, type MutationResult, type MutationSpec } from '../src/testing/index.js';

/**
 * Options of {@link runDemo}; the defaults are the `npm run demo` account.
 *
 * @example
 * await runDemo({ deals: 300, out: './tmp-demo', stdout: sink, stderr: sink });
 */
export interface DemoOptions {
  /** Deals in the account; the other streams in proportion. @default 10000 (about 50,000 records) */
  deals?: number;
  /** Output folder (emptied first). @default ./demo-output */
  out?: string;
  /** Latency per response in ms (plus up to as much jitter). @default 25 */
  latencyMs?: number;
  /** The fake's rate limit, requests per 2-second window. @default 30 */
  requestsPer2s?: number;
  /** @default process.stdout */
  stdout?: Writer;
  /** @default process.stderr */
  stderr?: Writer;
}

/**
 * What changed in one stream, from the incremental run's output lines.
 *
 * @example
 * const change: StreamChange = { stream: 'deals', created: 25, updated: 45, deleted: 8 };
 */
export interface StreamChange {
  stream: string;
  created: number;
  updated: number;
  deleted: number;
}

/**
 * The outcome of the demo.
 *
 * @example
 * const { fullExitCode, incrementalExitCode, changes } = await runDemo();
 */
export interface DemoResult {
  fullExitCode: number;
  incrementalExitCode: number;
  /** Records served by the fake at the start. */
  records: number;
  changes: StreamChange[];
  mutation: MutationResult;
  durationMs: number;
}

const RECORD_STREAMS = ['deals', 'persons', 'organizations', 'activities', 'leads', 'notes', 'products', 'files'] as const;

/** The changes the demo makes, scaled to the account. */
function changesFor(deals: number): MutationSpec {
  const n = (share: number) => Math.max(1, Math.round(deals * share));
  return {
    create: { deals: n(0.004), persons: n(0.003), organizations: n(0.001), activities: n(0.005), leads: n(0.002), notes: n(0.003), products: n(0.0005), files: n(0.001) },
    update: { deals: n(0.006), persons: n(0.004), organizations: n(0.002), activities: n(0.004), leads: n(0.002), notes: n(0.002), products: n(0.001), files: n(0.001) },
    delete: { deals: n(0.0015) },
    archive: { deals: n(0.001), leads: n(0.0005) },
  };
}

/** Ids (as text) of the records in a JSON Lines file, and its size. */
async function readIds(path: string, from = 0): Promise<{ ids: Set<string>; deleted: Set<string>; size: number }> {
  const buffer = await readFile(path).catch(() => Buffer.alloc(0));
  const ids = new Set<string>();
  const deleted = new Set<string>();
  for (const line of buffer.subarray(from).toString('utf8').split('\n')) {
    if (line === '') continue;
    const value = JSON.parse(line) as { id?: unknown; _deleted?: boolean };
    (value._deleted ? deleted : ids).add(String(value.id));
  }
  return { ids, deleted, size: buffer.length };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

/**
 * Runs the demo: fake account, full sync, changes, incremental sync, report. Returns the exit codes of
 * both syncs and the changes found in the output.
 *
 * @example
 * const result = await runDemo({ deals: 400 });
 * if (result.incrementalExitCode !== 0) process.exitCode = 1;
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const started = Date.now();
  const deals = options.deals ?? 10_000;
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const say = (text: string) => stdout.write(`${text}\n`);
  const out = resolve(options.out ?? 'demo-output');
  const latency = options.latencyMs ?? 25;
  const requestsPer2s = options.requestsPer2s ?? 30;
  const token = 'demo-token';
  const fake = createFakePipedrive({
    dataset: createDataset({ seed: 2024, counts: countsForSize(deals) }),
    apiToken: token,
    rateLimit: { requestsPer2s },
    latency: { ms: latency, jitterMs: latency, seed: 1 },
  });
  const records = RECORD_STREAMS.reduce((sum, s) => sum + fake.dataset.count(s), 0);
  const server = await fake.listen();
  try {
    await rm(out, { recursive: true, force: true });
    await mkdir(out, { recursive: true });
    const state = join(out, 'state.json');
    const io = { env: { PIPEDRIVE_API_TOKEN: token }, stdout, stderr };
    const sync = ['sync', '--base-url', server.url, '--out', out, '--state', state, '--anchor-date', '2000-01-01'];

    say(`\n== 1. A fake Pipedrive on ${server.url}: ${records.toLocaleString('en-US')} records in 18 streams, ${latency}-${2 * latency} ms latency, ${requestsPer2s} requests per 2 s\n`);
    say(`== 2. Full sync of all 18 streams into ${out} (pipedrive-extract ${sync.slice(0, 1).join(' ')} --out ... --state ...)\n`);
    const fullExitCode = await main(sync, io);
    const before = new Map<string, Awaited<ReturnType<typeof readIds>>>();
    for (const stream of RECORD_STREAMS) before.set(stream, await readIds(join(out, `${stream}.jsonl`)));

    const mutation = fake.mutate(changesFor(deals));
    const count = (group: Partial<Record<string, unknown[]>>) => Object.values(group).reduce((sum, ids) => sum + (ids?.length ?? 0), 0);
    say(`\n== 3. Changes in Pipedrive: ${count(mutation.created)} created, ${count(mutation.updated)} updated, ${count(mutation.archived)} archived, ${count(mutation.deleted)} deleted\n`);

    say(`== 4. Incremental sync (same command, with the state of the first run)\n`);
    const incrementalExitCode = await main(sync, io);

    const changes: StreamChange[] = [];
    for (const stream of RECORD_STREAMS) {
      const first = before.get(stream)!;
      const added = await readIds(join(out, `${stream}.jsonl`), first.size);
      const created = [...added.ids].filter((id) => !first.ids.has(id)).length;
      changes.push({ stream, created, updated: added.ids.size - created, deleted: added.deleted.size });
    }
    const rows = [['stream', 'created', 'updated', 'deleted', 'changed in Pipedrive (c/u+a/d)']];
    for (const c of changes) {
      const s = c.stream as keyof MutationResult['created'];
      const expected = `${mutation.created[s]?.length ?? 0}/${(mutation.updated[s]?.length ?? 0) + ((mutation.archived as Record<string, unknown[]>)[s]?.length ?? 0)}/${mutation.deleted[s]?.length ?? 0}`;
      rows.push([c.stream, String(c.created), String(c.updated), String(c.deleted), expected]);
    }
    say(`\n== 5. What the incremental sync wrote (new lines in ${out}/<stream>.jsonl)\n\n${table(rows)}\n`);
    const size = (await stat(state)).size;
    const durationMs = Date.now() - started;
    say(`Full sync exit ${fullExitCode}, incremental sync exit ${incrementalExitCode}; state: ${state} (${size} bytes). Demo took ${(durationMs / 1000).toFixed(1)} s.`);
    return { fullExitCode, incrementalExitCode, records, changes, mutation, durationMs };
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runDemo().then(
    (result) => {
      process.exitCode = result.fullExitCode === 0 && result.incrementalExitCode === 0 ? 0 : 1;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
