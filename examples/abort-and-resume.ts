/**
 * Cancel a sync half way with an AbortController, then resume it from the last persisted checkpoint, and
 * see that the two runs together delivered everything.
 *
 *   npx tsx examples/abort-and-resume.ts [stopAfter]                         # against the built-in fake
 *   PIPEDRIVE_API_TOKEN=... PIPEDRIVE_DOMAIN=mycompany npx tsx examples/abort-and-resume.ts 1000
 *
 * What aborting does: every stream stops at its next request, each interrupted stream ends with a
 * `stream_end` that carries the abort reason, and the iteration then ENDS NORMALLY (no exception) after
 * the messages already produced. The last `checkpoint` it yielded is consistent: resuming from it loses nothing.
 *
 * The store here is a Map in memory that behaves like a transactional database: records wait in a pending
 * batch and are committed together with the state at each checkpoint. Whatever was delivered after the
 * last checkpoint is thrown away, as a crash would lose it, to show that nothing depends on it: the
 * resumed run delivers it again.
 */
import type { Pipedrive, SyncMessage, SyncOptions, SyncState } from '../src/index.js';
import { ChangeBuffer, connect, runIfMain } from './shared.js';

/**
 * Options of {@link abortAndResume}: when to abort, plus any sync option (streams, anchorDate, pageSize, ...).
 *
 * @example
 * await abortAndResume(pd, { stopAfter: 300, streams: { deals: {}, persons: {} }, anchorDate: '2020-01-01' });
 */
export interface AbortAndResumeOptions extends Omit<SyncOptions, 'state' | 'signal'> {
  /** Abort the first run after this many record messages. */
  stopAfter: number;
  /**
   * Called between the two runs with what the aborted run committed (the store and the state persisted
   * with it), e.g. to look at it, or to change data and see the resumed run catch it. @default nothing
   */
  beforeResume?: (committed: { store: ReadonlyMap<string, ReadonlyMap<string, Record<string, unknown>>>; state: SyncState | undefined }) => void | Promise<void>;
  /** Progress. @default nothing is printed */
  log?: (line: string) => void;
}

/**
 * What the two runs did, and the store they filled.
 *
 * @example
 * const { store, firstRun, secondRun } = await abortAndResume(pd, { stopAfter: 300 });
 * console.log(firstRun.committed, secondRun.records, store.get('deals')?.size);
 */
export interface AbortAndResumeResult {
  firstRun: {
    /** Record and delete messages received (including those after the abort). */
    delivered: number;
    /** Of those, the ones committed with a checkpoint (the rest were dropped, as a crash would). */
    committed: number;
    /** Streams that ended with the abort reason. */
    interrupted: string[];
  };
  secondRun: { records: number; deletes: number };
  /** The state each run persisted last. */
  states: { first: SyncState | undefined; second: SyncState | undefined };
  /** The committed data: stream to key to record. */
  store: Map<string, Map<string, Record<string, unknown>>>;
}

/**
 * A store in memory that commits a batch of changes and the state together, like a database transaction.
 */
class MemoryStore {
  readonly tables = new Map<string, Map<string, Record<string, unknown>>>();
  /** The persisted state, as text: what a file or a database row would hold. */
  savedState: string | undefined;

  /** Applies the buffered changes and saves the state; returns how many messages that committed. */
  commit(buffer: ChangeBuffer, state: SyncState): number {
    const count = buffer.size;
    const { changes, sweeps } = buffer.take();
    for (const [stream, rows] of changes) {
      const table = this.tables.get(stream) ?? new Map<string, Record<string, unknown>>();
      this.tables.set(stream, table);
      for (const [key, row] of rows) {
        if (row) table.set(key, row.data);
        else table.delete(key);
      }
    }
    for (const [stream, keep] of sweeps) {
      for (const key of this.tables.get(stream)?.keys() ?? []) if (!keep.has(key)) this.tables.get(stream)!.delete(key);
    }
    this.savedState = JSON.stringify(state);
    return count;
  }
}

/**
 * Runs a sync, aborts it after `stopAfter` records, keeps only what its checkpoints covered, then resumes
 * from the last persisted state. The store then holds the whole account, as one uninterrupted run would.
 *
 * @example
 * const pd = new Pipedrive({ apiToken: process.env.PIPEDRIVE_API_TOKEN!, domain: 'mycompany' });
 * const { firstRun, secondRun } = await abortAndResume(pd, { stopAfter: 1000, streams: { deals: {} } });
 * console.log(`${firstRun.committed} committed before the abort, ${secondRun.records} after resuming`);
 */
export async function abortAndResume(pd: Pipedrive, options: AbortAndResumeOptions): Promise<AbortAndResumeResult> {
  const { stopAfter, beforeResume, log = () => {}, ...syncOptions } = options;
  const store = new MemoryStore();

  // Run 1: abort after `stopAfter` records.
  const controller = new AbortController();
  const first: AbortAndResumeResult['firstRun'] = { delivered: 0, committed: 0, interrupted: [] };
  let buffer = new ChangeBuffer();
  let records = 0;
  for await (const msg of pd.sync({ ...syncOptions, signal: controller.signal })) {
    buffer.add(msg);
    if (msg.type === 'record' || msg.type === 'delete') first.delivered += 1;
    if (msg.type === 'record' && ++records === stopAfter) {
      log(`aborting after ${stopAfter} records`);
      controller.abort(new Error('stopped by the user'));
      // No break: the iteration ends by itself once the messages already produced are through,
      // and they may include a last checkpoint worth saving.
    }
    if (msg.type === 'checkpoint') first.committed += store.commit(buffer, msg.state);
    if (isInterrupted(msg, controller.signal)) first.interrupted.push(msg.stream);
  }
  const firstState = store.savedState === undefined ? undefined : (JSON.parse(store.savedState) as SyncState);
  log(`run 1: ${first.delivered} delivered, ${first.committed} committed, ${first.delivered - first.committed} dropped after the last checkpoint; interrupted: ${first.interrupted.join(', ') || 'none'}`);

  await beforeResume?.({ store: store.tables, state: firstState });

  // Run 2: a new process would load the state from where it was persisted; sync() takes the JSON text as is.
  buffer = new ChangeBuffer();
  const second = { records: 0, deletes: 0 };
  for await (const msg of pd.sync({ ...syncOptions, state: store.savedState ?? null })) {
    buffer.add(msg);
    if (msg.type === 'record') second.records += 1;
    if (msg.type === 'delete') second.deletes += 1;
    if (msg.type === 'checkpoint') store.commit(buffer, msg.state);
    if (msg.type === 'stream_end' && msg.error) log(`${msg.stream} failed: ${msg.error.message}`);
  }
  log(`run 2: ${second.records} records, ${second.deletes} deletes`);
  const secondState = store.savedState === undefined ? undefined : (JSON.parse(store.savedState) as SyncState);
  return { firstRun: first, secondRun: second, states: { first: firstState, second: secondState }, store: store.tables };
}

/** A stream that ended because of the abort (its `stream_end` carries the abort reason). */
function isInterrupted(msg: SyncMessage, signal: AbortSignal): msg is Extract<SyncMessage, { type: 'stream_end' }> {
  return msg.type === 'stream_end' && msg.error !== undefined && signal.aborted;
}

async function main(): Promise<void> {
  const stopAfter = Number(process.argv[2] ?? 250);
  const connection = await connect({ counts: { deals: 800, persons: 400 } });
  try {
    console.log(`reading ${connection.source}`);
    const streams = { deals: {}, persons: {}, notes: {}, stages: {} };
    const fake = connection.fake;
    // While the sync is stopped, the account changes (with the fake, we change it ourselves).
    const beforeResume = () => void fake?.mutate({ create: { deals: 2 }, update: { deals: 5, notes: 3 }, delete: { deals: 1 } });
    const result = await abortAndResume(connection.pd, { stopAfter, streams, anchorDate: '2000-01-01', pageSize: 100, beforeResume, log: console.log });
    for (const [stream, table] of result.store) console.log(`${stream}: ${table.size} rows`);
    if (fake) {
      // Compare with what the fake serves: deals, persons and stages listed, notes without active_flag: false.
      const live = (stream: 'deals' | 'persons' | 'notes' | 'stages') =>
        [...fake.dataset.records(stream)].filter((r) => r['is_deleted'] !== true && r['active_flag'] !== false).length;
      const complete = (['deals', 'persons', 'notes', 'stages'] as const).every((s) => result.store.get(s)?.size === live(s));
      console.log(complete ? 'complete: the two runs together hold every record' : 'INCOMPLETE: some records are missing');
    }
  } finally {
    await connection.close();
  }
}

runIfMain(import.meta.url, main);
