import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncState } from '../../src/index.js';
import { timestampMs } from '../../src/schemas/timestamp-ms.js';
import { streamTable, type StreamName } from '../../src/streams/table.js';
import { createDataset, createFakePipedrive, type Dataset, type DatasetCounts } from '../../src/testing/index.js';
import { EVERYTHING, seeded, versionOf, writeSummary } from './support.js';

/**
 * Crash and resume of the command line: `pipedrive-extract sync` runs as a real process
 * (`node --import tsx src/cli/main.ts sync ...`) against the fake Pipedrive on 127.0.0.1 and is killed with
 * SIGKILL at seeded random moments, then started again with the same `--out` and `--state`. At every
 * checkpoint a run reports (`--json`) and after every kill, the state file on disk must never point past a
 * record that is not in its stream's .jsonl file; after the kills a final run completes, and replaying the
 * files (upsert by id, delete on `_deleted`) must give exactly what the fake serves.
 */

const ROOT = process.cwd();
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
const TOKEN = 'crash-resume-token';
const SEED = 4242;

/** About 6,000 records over the eight incremental streams (deals and leads with archived ones, deleted deals). */
const COUNTS: DatasetCounts = { deals: 1200, persons: 900, organizations: 360, activities: 1800, leads: 480, notes: 900, products: 150, files: 240, users: 6 };
/** The incremental streams, and two small full-refresh ones (written to a temporary file, then renamed). */
const STREAMS = ['deals', 'persons', 'organizations', 'activities', 'leads', 'notes', 'products', 'files', 'stages', 'users'] as const satisfies readonly StreamName[];
/** Every response is held 250 to 750 ms, so that a run lasts a few seconds: many moments to be killed at. */
const LATENCY = { ms: 250, jitterMs: 500 };
/** A fast pacer: the parts of a stream (main, archived, deleted) are asked for at nearly the same moment. */
const RATE = '50';

/** Independent chains (each its own `--out` and `--state`) run side by side; each is killed this many times. */
const CHAINS = 4;
const KILLS_PER_CHAIN = 6;
/** A kill comes this long (uniform) after the run reported `run_start`; one in six comes during start-up instead. */
const KILL_AFTER_START_MS = 1600;
const KILL_DURING_STARTUP_MS = 700;
/**
 * Bounds, from the start of this file: no killed run starts after KILL_PHASE_MS, the chains are complete by
 * CHAINS_DONE_MS, the torn-line case by TOTAL_LIMIT_MS; a child still running at its bound is killed.
 */
const KILL_PHASE_MS = 45_000;
const CHAINS_DONE_MS = 62_000;
const TOTAL_LIMIT_MS = 85_000;

type PartKey = 'main' | 'archived' | 'deleted' | 'archivedDeleted';

/** A record the fake serves, with the part of its stream that lists it and its change second. */
interface Served {
  id: string;
  version: string;
  /** Change time in ms, whole seconds; NaN for full-refresh streams. */
  second: number;
  part: PartKey | 'full';
}

/** What the fake serves at `at`, per stream (the dataset never changes in this file). */
function served(dataset: Dataset, at: Date): Map<string, Served[]> {
  const out = new Map<string, Served[]>();
  for (const stream of STREAMS) {
    const spec = streamTable[stream];
    const list: Served[] = [];
    for (const record of dataset.records(stream, { at })) {
      const id = String(record[spec.primaryKey]);
      const version = versionOf(stream, record);
      if (!('incremental' in spec)) {
        list.push({ id, version, second: Number.NaN, part: 'full' });
        continue;
      }
      const second = Math.floor(timestampMs(version) / 1000) * 1000;
      // notes and files mark deleted rows with active_flag: false; the lists leave them and is_deleted rows out,
      // except deals deleted in the last 30 days, listed with status=deleted (delete lines)
      const deleted = record['is_deleted'] === true || ((stream === 'notes' || stream === 'files') && record['active_flag'] === false);
      const archived = record['is_archived'] === true;
      if (deleted) {
        if (stream === 'deals') list.push({ id, version, second, part: archived ? 'archivedDeleted' : 'deleted' });
        continue;
      }
      list.push({ id, version, second, part: archived ? 'archived' : 'main' });
    }
    out.set(stream, list);
  }
  return out;
}

/**
 * One .jsonl file, read tolerantly: what follows the last newline is a line still being written or cut by a
 * kill, and is ignored (as the CLI must treat it when it appends to the file again).
 */
interface FileView {
  /** id -> every version a record line carried. */
  versions: Map<string, Set<string>>;
  /** Ids of delete lines. */
  deletes: Set<string>;
  /** The file replayed top to bottom: upsert by id, delete on `_deleted`. */
  replay: Map<string, string>;
  /** Record lines whose (id, version) an earlier line of the file already had. */
  duplicates: number;
  /** The file ends with an unterminated line. */
  tornTail: boolean;
  /** Lines before the end that are not JSON (a torn line that more lines were appended to). */
  corrupt: string[];
}

async function readView(stream: string, path: string): Promise<FileView> {
  const view: FileView = { versions: new Map(), deletes: new Set(), replay: new Map(), duplicates: 0, tornTail: false, corrupt: [] };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return view;
    throw error;
  }
  const lines = text.split('\n');
  view.tornTail = lines.pop() !== '';
  const key = streamTable[stream as StreamName].primaryKey;
  for (const line of lines) {
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(line) as Record<string, unknown>;
    } catch {
      view.corrupt.push(line.length > 100 ? `${line.slice(0, 100)}...` : line);
      continue;
    }
    if (value['_deleted'] === true) {
      view.deletes.add(String(value['id']));
      view.replay.delete(String(value['id']));
      continue;
    }
    const id = String(value[key]);
    const version = versionOf(stream, value);
    let versions = view.versions.get(id);
    if (!versions) view.versions.set(id, (versions = new Set()));
    if (versions.has(version)) view.duplicates += 1;
    versions.add(version);
    view.replay.set(id, version);
  }
  return view;
}

interface Figures {
  chains: number;
  runs: number;
  kills: number;
  killsDuringSync: number;
  killsDuringStartup: number;
  restarts: number;
  runsFinishedBeforeTheirKill: number;
  checkpointsReported: number;
  statesChecked: number;
  stateFilesAfterKills: number;
  /** Presence checks of records a state covered (summed over every state checked). */
  recordChecks: number;
  tornTails: number;
  finalRecordsChecked: number;
  finalDeletesChecked: number;
  lost: number;
  extra: number;
  corruptLines: number;
  duplicates: number;
  violations: number;
  elapsedMs: number;
}

function newFigures(chains: number): Figures {
  return {
    chains,
    runs: 0,
    kills: 0,
    killsDuringSync: 0,
    killsDuringStartup: 0,
    restarts: 0,
    runsFinishedBeforeTheirKill: 0,
    checkpointsReported: 0,
    statesChecked: 0,
    stateFilesAfterKills: 0,
    recordChecks: 0,
    tornTails: 0,
    finalRecordsChecked: 0,
    finalDeletesChecked: 0,
    lost: 0,
    extra: 0,
    corruptLines: 0,
    duplicates: 0,
    violations: 0,
    elapsedMs: 0,
  };
}

interface Chain {
  index: number;
  streams: readonly StreamName[];
  out: string;
  statePath: string;
  figures: Figures;
  /** Each distinct problem once, with how many times it was seen. */
  violations: Map<string, number>;
}

function violation(chain: Chain, message: string): void {
  const text = `chain ${chain.index}: ${message}`;
  chain.violations.set(text, (chain.violations.get(text) ?? 0) + 1);
}

/** The distinct problems, the first ten of them (a lost position shows again at every later checkpoint). */
function violationList(chains: readonly Chain[]): string[] {
  const all = chains.flatMap((chain) => [...chain.violations].map(([message, times]) => (times > 1 ? `${message} (${times} times)` : message)));
  // what the final comparison found first, then the states that led there
  const final = (message: string) => (/lost|not JSON|unterminated|final run|does not serve/.test(message) ? 0 : 1);
  all.sort((a, b) => final(a) - final(b));
  return all.length > 10 ? [...all.slice(0, 10), `... ${all.length} distinct problems in all`] : all;
}

/** Every child started and not yet ended: afterAll kills them should a test give up early. */
const live = new Set<ChildProcess>();
const dirs: string[] = [];
let url = '';
let fileStartedAt = 0;
let closeFake: (() => Promise<void>) | undefined;
let dataset: Dataset;
/** What the fake serves (computed once: the dataset does not change). */
let servedNow: Map<string, Served[]>;

beforeAll(async () => {
  fileStartedAt = Date.now();
  dataset = createDataset({ seed: SEED, counts: COUNTS });
  const fake = createFakePipedrive({ dataset, apiToken: TOKEN, latency: { ...LATENCY, seed: SEED } });
  const server = await fake.listen();
  url = server.url;
  closeFake = server.close;
  servedNow = served(dataset, new Date());
});

afterAll(async () => {
  for (const child of live) child.kill('SIGKILL');
  await closeFake?.();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function newChain(index: number, figures: Figures, streams: readonly StreamName[] = STREAMS): Promise<Chain> {
  const dir = await mkdtemp(join(tmpdir(), 'pdx-crash-'));
  dirs.push(dir);
  await mkdir(join(dir, 'out'));
  return { index, streams, out: join(dir, 'out'), statePath: join(dir, 'state.json'), figures, violations: new Map() };
}

type Positions = Record<string, { watermark: string; idsAtWatermark?: (string | number)[] } & Partial<Record<Exclude<PartKey, 'main'>, { watermark: string; idsAtWatermark: (string | number)[] }>>>;

/**
 * The invariant: for each position of a state (main, archived, deleted, archived deleted), every record the
 * fake lists in that part with a change second before the watermark, or at it with a listed id, is in the
 * stream's file: a record line at that version, or a delete line for deleted deals. A checkpoint event gives
 * main watermarks only (no ids): then records strictly before the watermark are required.
 */
function checkState(chain: Chain, positions: Positions, views: Map<string, FileView>, where: string): void {
  chain.figures.statesChecked += 1;
  for (const [stream, position] of Object.entries(positions)) {
    const list = servedNow.get(stream);
    const view = views.get(stream);
    if (!list || !view) continue;
    for (const part of ['main', 'archived', 'deleted', 'archivedDeleted'] as const) {
      const at = part === 'main' ? position : position[part];
      if (!at) continue;
      const watermark = Date.parse(at.watermark);
      const ids = new Set((at.idsAtWatermark ?? []).map(String));
      let missing = 0;
      let example = '';
      for (const record of list) {
        if (record.part !== part) continue;
        if (!(record.second < watermark || (record.second === watermark && ids.has(record.id)))) continue;
        chain.figures.recordChecks += 1;
        const present = part === 'deleted' || part === 'archivedDeleted' ? view.deletes.has(record.id) : view.versions.get(record.id)?.has(record.version) === true;
        if (!present) {
          missing += 1;
          example ||= `${record.id} (changed ${new Date(record.second).toISOString()})`;
        }
      }
      if (missing > 0) {
        violation(chain, `${where}: the state puts ${stream}${part === 'main' ? '' : `.${part}`} at ${at.watermark}, but ${missing} record(s) before it are not in ${stream}.jsonl, e.g. ${example}`);
      }
    }
  }
}

async function readViews(chain: Chain): Promise<Map<string, FileView>> {
  const views = new Map<string, FileView>();
  await Promise.all(chain.streams.map(async (stream) => views.set(stream, await readView(stream, join(chain.out, `${stream}.jsonl`)))));
  return views;
}

/**
 * Reads the state file, then the output files, and checks the invariant (also against a checkpoint event's
 * watermarks). Sound while the CLI runs: a stream's file is started over only before its first position.
 */
async function checkOnDisk(chain: Chain, where: string, event?: Record<string, string>): Promise<{ state: SyncState | undefined; views: Map<string, FileView> }> {
  let state: SyncState | undefined;
  try {
    const text = await readFile(chain.statePath, 'utf8');
    try {
      state = JSON.parse(text) as SyncState;
    } catch {
      violation(chain, `${where}: the state file is not complete JSON`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const views = await readViews(chain);
  if (event) checkState(chain, Object.fromEntries(Object.entries(event).map(([stream, watermark]) => [stream, { watermark }])), views, `${where} (event)`);
  if (state) checkState(chain, state.streams as Positions, views, where);
  return { state, views };
}

interface RunOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** It reported `run_start`. */
  started: boolean;
  summary: Record<string, unknown> | undefined;
  stderr: string;
}

/** When to SIGKILL a run: after `run_start`, after the spawn, or at once on its n-th reported checkpoint. */
interface KillPlan {
  afterStartMs?: number;
  duringStartupMs?: number;
  atCheckpoint?: number;
  /** Kill at the first reported checkpoint whose state holds positions for at least this many streams. */
  atStreamsWithPosition?: number;
}

/**
 * One run of the CLI as a real process. Every checkpoint it reports is checked against the disk as it comes,
 * one after another. The child is killed by its plan, and in any case at `deadline`.
 */
function runOnce(chain: Chain, run: number, kill: KillPlan | undefined, deadline: number): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    chain.figures.runs += 1;
    const args = ['--import', 'tsx', MAIN, 'sync', '--base-url', url, '--out', chain.out, '--state', chain.statePath];
    args.push('--streams', chain.streams.join(','), '--anchor-date', EVERYTHING, '--rate', RATE, '--json', '--concurrency', '6');
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', PIPEDRIVE_API_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    const outcome: RunOutcome = { code: null, signal: null, started: false, summary: undefined, stderr: '' };
    const timers: NodeJS.Timeout[] = [];
    const killNow = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    timers.push(setTimeout(killNow, Math.max(0, deadline - Date.now())));
    if (kill?.duringStartupMs !== undefined) timers.push(setTimeout(killNow, kill.duringStartupMs));
    let checkpoints = 0;
    let checks = Promise.resolve();
    let buffered = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const event = JSON.parse(line) as { type: string; streams?: Record<string, string> };
        if (event.type === 'run_start') {
          outcome.started = true;
          if (kill?.afterStartMs !== undefined) timers.push(setTimeout(killNow, kill.afterStartMs));
        } else if (event.type === 'checkpoint') {
          checkpoints += 1;
          chain.figures.checkpointsReported += 1;
          const streams = event.streams ?? {};
          if (checkpoints === kill?.atCheckpoint) killNow();
          if (kill?.atStreamsWithPosition !== undefined && Object.keys(streams).length >= kill.atStreamsWithPosition) killNow();
          checks = checks.then(async () => void (await checkOnDisk(chain, `run ${run}, at a reported checkpoint`, streams)));
        } else if (event.type === 'summary') {
          outcome.summary = event as Record<string, unknown>;
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (outcome.stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      live.delete(child);
      for (const timer of timers) clearTimeout(timer);
      outcome.code = code;
      outcome.signal = signal;
      checks.then(() => resolve(outcome), reject);
    });
  });
}

/** Counts a killed (or finished) run and checks the disk after it. */
async function afterRun(chain: Chain, run: number, outcome: RunOutcome): Promise<{ state: SyncState | undefined; views: Map<string, FileView> }> {
  const { figures } = chain;
  if (outcome.signal === 'SIGKILL') {
    figures.kills += 1;
    if (!outcome.started) figures.killsDuringStartup += 1;
    else if (outcome.summary === undefined) figures.killsDuringSync += 1;
  } else {
    // the run ended before its kill came: it must have ended well
    figures.runsFinishedBeforeTheirKill += 1;
    if (outcome.code !== 0) violation(chain, `run ${run} exited ${String(outcome.code)}: ${outcome.stderr.trim()}`);
  }
  const onDisk = await checkOnDisk(chain, `after run ${run} (${outcome.signal === 'SIGKILL' ? 'killed' : 'ended'})`);
  if (onDisk.state) figures.stateFilesAfterKills += 1;
  for (const view of onDisk.views.values()) if (view.tornTail) figures.tornTails += 1;
  return onDisk;
}

/** A final run to completion; then the union of the files (deletes applied) must equal what the fake serves. */
async function finishAndCompare(chain: Chain, run: number, deadline: number): Promise<void> {
  const { figures } = chain;
  const final = await runOnce(chain, run, undefined, deadline);
  if (final.code !== 0 || final.summary?.['exitCode'] !== 0) {
    violation(chain, `the final run ended with ${String(final.code ?? final.signal)}: ${final.stderr.trim()}`);
    return;
  }
  const views = await readViews(chain);
  const now = served(dataset, new Date());
  for (const stream of chain.streams) {
    const view = views.get(stream)!;
    figures.duplicates += view.duplicates;
    figures.corruptLines += view.corrupt.length;
    if (view.corrupt.length > 0) violation(chain, `${stream}.jsonl has ${view.corrupt.length} line(s) that are not JSON before its end, e.g. ${view.corrupt[0]}`);
    if (view.tornTail) violation(chain, `${stream}.jsonl still ends with an unterminated line after a complete run`);
    const want = now.get(stream)!;
    const wantRecords = new Map(want.filter((r) => r.part === 'main' || r.part === 'archived' || r.part === 'full').map((r) => [r.id, r.version]));
    const lost: string[] = [];
    for (const [id, version] of wantRecords) {
      figures.finalRecordsChecked += 1;
      if (view.replay.get(id) !== version) lost.push(`${id}@${version} (got ${view.replay.get(id) ?? 'nothing'})`);
    }
    for (const record of want) {
      if (record.part !== 'deleted' && record.part !== 'archivedDeleted') continue;
      figures.finalDeletesChecked += 1;
      if (!view.deletes.has(record.id) || view.replay.has(record.id)) lost.push(`deleted ${record.id} (no delete line)`);
    }
    const extra = [...view.replay.keys()].filter((id) => !wantRecords.has(id));
    figures.lost += lost.length;
    figures.extra += extra.length;
    if (lost.length > 0) violation(chain, `${stream}: ${lost.length} record(s) lost, e.g. ${lost.slice(0, 3).join(', ')}`);
    if (extra.length > 0) violation(chain, `${stream}: ${extra.length} record(s) the fake does not serve, e.g. ${extra.slice(0, 3).join(', ')}`);
  }
}

/** Kills and restarts one chain at seeded random moments, checking the disk after each kill; then completes it. */
async function runChain(chain: Chain): Promise<void> {
  const random = seeded(SEED + chain.index * 101);
  let killed = false;
  let run = 0;
  for (let kill = 0; kill < KILLS_PER_CHAIN && Date.now() - fileStartedAt < KILL_PHASE_MS; kill += 1) {
    const plan: KillPlan = random() < 1 / 6 ? { duringStartupMs: Math.floor(random() * KILL_DURING_STARTUP_MS) } : { afterStartMs: Math.floor(random() * KILL_AFTER_START_MS) };
    if (killed) chain.figures.restarts += 1;
    run += 1;
    const outcome = await runOnce(chain, run, plan, fileStartedAt + CHAINS_DONE_MS);
    await afterRun(chain, run, outcome);
    killed = outcome.signal === 'SIGKILL';
  }
  if (killed) chain.figures.restarts += 1;
  await finishAndCompare(chain, run + 1, fileStartedAt + CHAINS_DONE_MS);
}

function sum(chains: readonly Chain[], figures: Figures, startedAt: number): string[] {
  figures.elapsedMs = Date.now() - startedAt;
  figures.violations = chains.reduce((total, chain) => total + [...chain.violations.values()].reduce((a, b) => a + b, 0), 0);
  return violationList(chains);
}

describe('the command line, killed with SIGKILL and restarted', () => {
  it(
    `loses nothing: ${CHAINS} chains x ${KILLS_PER_CHAIN} kills at random moments, each restarted with the same --out and --state, then a run to completion`,
    async () => {
      const startedAt = Date.now();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const figures = newFigures(CHAINS);
      const chains = await Promise.all(Array.from({ length: CHAINS }, (_, index) => newChain(index, figures)));
      await Promise.all(chains.map((chain) => runChain(chain)));
      const violations = sum(chains, figures, startedAt);
      writeSummary('cliCrashResume', { ...figures });
      console.info(`cli crash/resume: ${JSON.stringify(figures)}`);

      expect(live.size).toBe(0);
      expect(violations).toEqual([]);
      expect(figures.kills).toBeGreaterThanOrEqual(20);
      expect(figures.killsDuringSync).toBeGreaterThanOrEqual(12);
      expect(figures.lost).toBe(0);
      expect(Date.now() - fileStartedAt).toBeLessThan(CHAINS_DONE_MS);
    },
    CHAINS_DONE_MS + 5_000,
  );

  it(
    'drops a torn last line (a kill inside a write) when it appends again, instead of gluing the next record to it',
    async () => {
      const startedAt = Date.now();
      const figures = newFigures(1);
      // streams read in one part each: what this test finds does not depend on how parts share a position
      const chain = await newChain(CHAINS, figures, ['persons', 'organizations', 'activities', 'notes', 'products', 'files', 'users']);
      const killed = await runOnce(chain, 1, { atStreamsWithPosition: 4 }, fileStartedAt + TOTAL_LIMIT_MS);
      expect(killed.signal).toBe('SIGKILL');
      const { state } = await afterRun(chain, 1, killed);
      expect(state).toBeDefined();
      // A kill inside write() leaves the start of the chunk being written, cut anywhere: half a line, no newline.
      let torn = 0;
      for (const stream of chain.streams) {
        if (state!.streams[stream] === undefined) continue;
        const path = join(chain.out, `${stream}.jsonl`);
        const lines = (await readFile(path, 'utf8')).split('\n');
        const last = lines.at(-2);
        if (lines.at(-1) !== '' || last === undefined) continue;
        await appendFile(path, last.slice(0, Math.floor(last.length / 2)));
        torn += 1;
      }
      expect(torn).toBeGreaterThanOrEqual(3);
      // a reader that ignores the torn tail still finds everything the state covers
      await checkOnDisk(chain, 'after the torn lines');
      figures.restarts += 1;
      await finishAndCompare(chain, 2, fileStartedAt + TOTAL_LIMIT_MS);
      const violations = sum([chain], figures, startedAt);
      writeSummary('cliTornLine', { filesTorn: torn, ...figures });

      expect(live.size).toBe(0);
      expect(violations).toEqual([]);
      expect(figures.corruptLines).toBe(0);
      expect(figures.lost).toBe(0);
      expect(Date.now() - fileStartedAt).toBeLessThan(TOTAL_LIMIT_MS);
    },
    TOTAL_LIMIT_MS + 5_000,
  );
});
