/** What the examples' tests compare against: the fake's dataset, and what a sync state says was delivered. */
import { Pipedrive, timestampMs, type SyncMessage, type SyncOptions, type SyncState } from '../../src/index.js';
import { streamNames, type StreamName } from '../../src/streams/table.js';
import type { Dataset } from '../../src/testing/index.js';

export { startFake, type FakeSetup } from '../support/fake.js';

/** Every stream of the catalog. */
export const ALL_STREAMS: readonly StreamName[] = streamNames;

/** Reads every record since long before the fake's two years of history. */
export const EVERYTHING = '2000-01-01';

function info(stream: string) {
  return Pipedrive.streams.find((s) => s.name === stream)!;
}

/** The key of a record as the examples store it (text). */
export function keyOf(stream: string, record: Record<string, unknown>): string {
  return String(record[info(stream).primaryKey]);
}

/** Whether the fake lists the record: soft-deleted records, and v1 notes and files with `active_flag: false`, are left out. */
export function isListed(stream: string, record: Record<string, unknown>): boolean {
  if (record['is_deleted'] === true) return false;
  if ((stream === 'notes' || stream === 'files') && record['active_flag'] === false) return false;
  return true;
}

/** Stream to the set of keys a complete extract holds right now. */
export function expectedKeys(dataset: Dataset, streams: readonly StreamName[] = ALL_STREAMS): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const stream of streams) {
    const keys = new Set<string>();
    for (const record of dataset.records(stream)) if (isListed(stream, record)) keys.add(keyOf(stream, record));
    out.set(stream, keys);
  }
  return out;
}

/** Keys of deals deleted within the 30 days the API still reports them. */
export function deletedDealKeys(dataset: Dataset): Set<string> {
  return new Set([...dataset.records('deals')].filter((d) => d['is_deleted'] === true).map((d) => keyOf('deals', d)));
}

type PartName = 'main' | 'archived' | 'deleted' | 'archivedDeleted';

function partOf(stream: string, record: Record<string, unknown>): PartName | undefined {
  const archived = record['is_archived'] === true;
  if (!isListed(stream, record)) {
    if (stream === 'deals' && record['is_deleted'] === true) return archived ? 'archivedDeleted' : 'deleted';
    return undefined;
  }
  return archived && info(stream).hasArchived ? 'archived' : 'main';
}

/**
 * What a state says has been delivered: for each incremental stream, the listed records its positions
 * cover (they must be stored) and the deleted deals they cover (they must not be). A record is covered
 * when it changed before the watermark's second, or at that second with its id listed.
 */
export function coveredBy(dataset: Dataset, state: SyncState): { stored: Map<string, Set<string>>; deleted: Map<string, Set<string>> } {
  const stored = new Map<string, Set<string>>();
  const deleted = new Map<string, Set<string>>();
  for (const [stream, streamState] of Object.entries(state.streams)) {
    const cursor = info(stream).cursorField;
    if (!cursor) continue;
    const positions: Partial<Record<PartName, { watermark: string; idsAtWatermark: (string | number)[] }>> = {
      main: streamState,
      ...(streamState.archived ? { archived: streamState.archived } : {}),
      ...(streamState.deleted ? { deleted: streamState.deleted } : {}),
      ...(streamState.archivedDeleted ? { archivedDeleted: streamState.archivedDeleted } : {}),
    };
    const keep = new Set<string>();
    const gone = new Set<string>();
    for (const record of dataset.records(stream as StreamName)) {
      const part = partOf(stream, record);
      const position = part ? positions[part] : undefined;
      if (!part || !position) continue;
      const second = Math.floor(timestampMs(String(record[cursor])) / 1000);
      const watermark = Math.floor(Date.parse(position.watermark) / 1000);
      const covered = second < watermark || (second === watermark && position.idsAtWatermark.map(String).includes(keyOf(stream, record)));
      if (!covered) continue;
      (part === 'deleted' || part === 'archivedDeleted' ? gone : keep).add(keyOf(stream, record));
    }
    stored.set(stream, keep);
    deleted.set(stream, gone);
  }
  return { stored, deleted };
}

/**
 * Checks that a stored state never points past what is stored: every record it covers is in `tables`,
 * and no deleted deal it covers is. Returns how many records the state covers (to check the test bit).
 */
export function expectConsistent(dataset: Dataset, state: SyncState, tables: Map<string, Set<string>>): number {
  const { stored, deleted } = coveredBy(dataset, state);
  let covered = 0;
  for (const [stream, keys] of stored) {
    const have = tables.get(stream) ?? new Set<string>();
    const missing = [...keys].filter((key) => !have.has(key));
    if (missing.length > 0) throw new Error(`the state covers ${missing.length} ${stream} that are not stored: ${missing.slice(0, 5).join(', ')}`);
    covered += keys.size;
  }
  for (const [stream, keys] of deleted) {
    const still = [...keys].filter((key) => tables.get(stream)?.has(key));
    if (still.length > 0) throw new Error(`the state covers deletes of ${stream} still stored: ${still.slice(0, 5).join(', ')}`);
  }
  return covered;
}

/** What a crashing client delivered before the crash. */
export interface CrashLog {
  messages: SyncMessage[];
  /** The stored-keys view of the messages up to and including checkpoint number `n` (1-based). */
  keysUpToCheckpoint(n: number): Map<string, Set<string>>;
  /** The state of checkpoint number `n` (1-based). */
  checkpoint(n: number): SyncState;
}

/**
 * Makes `pd.sync()` throw "simulated crash" once `crashWhen` says so (checked before each message is handed
 * over), as if the process died between two messages; logs what it handed over.
 */
export function crashingSync(pd: Pipedrive, crashWhen: (message: SyncMessage, delivered: SyncMessage[]) => boolean): CrashLog {
  const messages: SyncMessage[] = [];
  const original = pd.sync.bind(pd);
  pd.sync = (options?: SyncOptions) => {
    const source = original(options);
    return (async function* () {
      for await (const message of source) {
        if (crashWhen(message, messages)) throw new Error('simulated crash');
        messages.push(message);
        yield message;
      }
    })();
  };
  const checkpointIndex = (n: number) => {
    let seen = 0;
    for (let i = 0; i < messages.length; i += 1) if (messages[i]!.type === 'checkpoint' && ++seen === n) return i;
    throw new Error(`no checkpoint ${n} (there were ${seen})`);
  };
  return {
    messages,
    keysUpToCheckpoint(n) {
      const tables = new Map<string, Set<string>>();
      for (const message of messages.slice(0, checkpointIndex(n) + 1)) {
        if (message.type === 'record') {
          const keys = tables.get(message.stream) ?? new Set<string>();
          tables.set(message.stream, keys.add(keyOf(message.stream, message.record)));
        } else if (message.type === 'delete') {
          tables.get(message.stream)?.delete(String(message.id));
        }
      }
      return tables;
    },
    checkpoint(n) {
      return (messages[checkpointIndex(n)] as Extract<SyncMessage, { type: 'checkpoint' }>).state;
    },
  };
}

/** The differences between stored and expected keys, as `+stream:key` (stored, not expected) and `-stream:key` (missing); a missing table is empty. */
export function tableDiff(stored: Map<string, Set<string>>, expected: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  for (const stream of new Set([...stored.keys(), ...expected.keys()])) {
    const have = stored.get(stream) ?? new Set<string>();
    const want = expected.get(stream) ?? new Set<string>();
    for (const key of have) if (!want.has(key)) out.push(`+${stream}:${key}`);
    for (const key of want) if (!have.has(key)) out.push(`-${stream}:${key}`);
  }
  return out;
}

/**
 * A `mutate` with every kind of change the examples must apply. Deletes are of deals only: a deleted lead is
 * removed, and a deleted person is flagged `is_deleted` and no longer listed, so no sync can see either.
 */
export const CHANGES = {
  create: { deals: 3, persons: 2, notes: 2, leads: 1, activities: 2 },
  update: { deals: 4, persons: 3, notes: 2, leads: 2, organizations: 2, products: 1, files: 1 },
  archive: { deals: 2 },
  delete: { deals: 2 },
} as const;

/** Record counts small enough for quick tests, large enough for several pages per stream with `pageSize: 50`. */
export const COUNTS = { deals: 300, persons: 200, organizations: 80, activities: 200, leads: 80, notes: 150, products: 25, files: 40 };
