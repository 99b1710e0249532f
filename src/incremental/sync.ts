import { setMaxListeners } from 'node:events';
import { subYears } from 'date-fns';
import { AuthenticationError, ConfigError, DailyBudgetExceededError, PipedriveError } from '../errors.js';
import type { Meter } from '../http/transport.js';
import { timestampMs } from '../schemas/timestamp-ms.js';
import type { AnyStreamOptions } from '../streams/options.js';
import { readStream, toDate, type StreamContext } from '../streams/read-stream.js';
import { streamTable } from '../streams/table.js';
import type { StreamSpec } from '../streams/types.js';
import { Channel } from './channel.js';
import type { StreamEndMessage, SyncMessage, SyncMode } from './messages.js';
import { PositionTracker, startPosition } from './position.js';
import { loadState, type Position, type StreamState, type SyncState } from './state.js';
import { selectStreams, type SelectedStream, type StreamSelection } from './stream-selection.js';

/**
 * Options of `pd.sync()`.
 *
 * @example
 * pd.sync({ streams: { '*': {}, pipelines: { mode: 'full-refresh' } }, state, anchorDate: '2020-01-01' });
 */
export interface SyncOptions {
  /** Streams and modes, Sling style. @default { '*': {} } (every stream, incremental where possible) */
  streams?: StreamSelection;
  /** Mode of streams that do not name one (Sling's `defaults.mode`). @default 'incremental' where possible */
  defaultMode?: SyncMode;
  /** The state of the last checkpoint (object or JSON text). @default none: read everything since anchorDate */
  state?: SyncState | string | null;
  /** Where a first run starts. @default one year before now */
  anchorDate?: string | Date;
  /** Re-read this many seconds before each saved watermark, for extra safety against late writes. @default 0 */
  lookback?: number;
  /**
   * Streams read side by side, all through the client's one pacer (small reference lists and streams whose
   * reads cannot be split go first; a stream's parts, such as archived and deleted deals, are read side by side).
   * @default 3
   */
  concurrency?: number;
  /**
   * Parallel time slices of a v2 incremental read (deals, persons, organizations, activities). `'auto'` starts
   * each read as one and splits the unread part of a running read in two whenever the client sends fewer
   * requests than its pacer allows (with Pipedrive's latency, one reader per stream cannot fill the rate
   * limit); a number splits each read into that many equal time ranges up front; `1` never splits.
   * @default 'auto'
   */
  slices?: number | 'auto';
  /** List deals deleted in the last 30 days and send them as `delete` messages. @default true */
  deletes?: boolean;
  /** Records per page. @default each endpoint's maximum */
  pageSize?: number;
  /** Validate records against their schemas. @default the client's `validate` */
  validate?: boolean;
  /** Stops the run after the last consistent checkpoint; the iteration then ends. */
  signal?: AbortSignal;
  /** The clock that bounds the run. @default () => new Date() */
  now?: () => Date;
  /**
   * `named` decodes custom fields (deals, persons, organizations, products, leads) to readable names and
   * labels, keeping the names in the state (`customFieldNames`) so a field renamed in Pipedrive keeps its column.
   * @default 'raw'
   */
  customFields?: 'raw' | 'named';
  /** Name custom fields after their current names in Pipedrive, replacing the names kept in the state. @default false */
  refreshCustomFieldNames?: boolean;
}

/** One ordered read inside a stream: its state key, and the options that select its records. */
interface Part {
  key: 'main' | 'archived' | 'deleted' | 'archivedDeleted';
  options: AnyStreamOptions;
  /** Records arrive in ascending change order: checkpoints after every page are safe. */
  ordered: boolean;
  /** Every record of this part is a deletion. */
  deletes: boolean;
  /** May be split into parallel time slices (server-side since and until). */
  sliceable: boolean;
}

const DELETED_RETENTION_MS = 30 * 24 * 3600 * 1000;

/** Errors after which no other stream can succeed either. */
function concernsAccount(error: unknown): boolean {
  return error instanceof AuthenticationError || error instanceof DailyBudgetExceededError || (error instanceof PipedriveError && error.code === 'blocked');
}

/** The largest page any endpoint allows: a larger `pageSize` is a mistake, a smaller one is cut per endpoint. */
const MAX_PAGE_SIZE = Math.max(...Object.values(streamTable).map((spec: StreamSpec) => spec.endpoint.maxPageSize ?? 0));

function checkOptions(options: SyncOptions, now: Date): { anchor: Date; lookbackMs: number; concurrency: number; slices: number | 'auto' } {
  if (options.anchorDate instanceof Date && Number.isNaN(options.anchorDate.getTime())) {
    throw new ConfigError(`anchorDate is an invalid Date. Pass a valid Date, YYYY-MM-DD or an RFC 3339 timestamp such as '2020-01-01', or leave it out for one year ago.`);
  }
  const anchor = options.anchorDate === undefined ? subYears(now, 1) : toDate(options.anchorDate, 'anchorDate');
  if (anchor.getTime() > now.getTime()) {
    throw new ConfigError(`anchorDate ${anchor.toISOString()} is in the future. Use a past date such as '2020-01-01', or leave it out for one year ago.`);
  }
  const integer = (value: number | undefined, name: string, min: number, fallback: number) => {
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be an integer >= ${min}, got ${String(value)}.`);
    return value;
  };
  if (options.pageSize !== undefined && (!Number.isInteger(options.pageSize) || options.pageSize < 1 || options.pageSize > MAX_PAGE_SIZE)) {
    throw new ConfigError(
      `pageSize ${String(options.pageSize)} is out of range: use an integer from 1 to ${MAX_PAGE_SIZE} (endpoints with a smaller maximum, such as files with 100, use their maximum), or leave it out for each endpoint's largest page.`,
    );
  }
  if (options.customFields !== undefined && options.customFields !== 'raw' && options.customFields !== 'named') {
    throw new ConfigError(`customFields "${String(options.customFields)}" is not valid: use 'raw' or 'named'.`);
  }
  const lookback = options.lookback ?? 0;
  if (!Number.isFinite(lookback) || lookback < 0) throw new ConfigError(`lookback must be a number of seconds >= 0, got ${String(options.lookback)}.`);
  return {
    anchor,
    lookbackMs: lookback * 1000,
    concurrency: integer(options.concurrency, 'concurrency', 1, 3),
    slices: options.slices === 'auto' || options.slices === undefined ? 'auto' : integer(options.slices, "slices (or 'auto')", 1, 1),
  };
}

/** The ordered reads an incremental stream is made of, from its table row. */
function partsOf(spec: StreamSpec, deletes: boolean): Part[] {
  const window = spec.incremental === 'window';
  const ascending = spec.incremental !== 'desc-stop';
  const main: Part = { key: 'main', options: spec.archived ? { archived: 'exclude' } : {}, ordered: ascending, deletes: false, sliceable: window };
  if (ascending) main.options.order = 'updated-asc';
  const parts = [main];
  if (spec.archived) {
    const archivedAscending = spec.archived.since === 'server';
    parts.push({ key: 'archived', options: { archived: 'only', ...(archivedAscending ? { order: 'updated-asc' } : {}) }, ordered: archivedAscending, deletes: false, sliceable: window });
  }
  if (spec.deleted && deletes) {
    parts.push({ key: 'deleted', options: { archived: 'exclude', params: spec.deleted, order: 'updated-asc' }, ordered: true, deletes: true, sliceable: false });
    if (spec.archived) parts.push({ key: 'archivedDeleted', options: { archived: 'only', params: spec.deleted, order: 'updated-asc' }, ordered: true, deletes: true, sliceable: false });
  }
  return parts;
}

/**
 * The newest change any part of a stream's state has seen: how old the state really is. (A part that has
 * seen nothing, such as deleted archived deals, stays at the anchor date and says nothing about that.)
 */
function newestChange(state: StreamState): number {
  const positions = [state, state.archived, state.deleted, state.archivedDeleted].filter((p): p is Position => p !== undefined);
  return Math.max(...positions.map((p) => Date.parse(p.watermark)));
}

function getPosition(state: StreamState | undefined, key: Part['key']): Position | undefined {
  if (!state) return undefined;
  return key === 'main' ? { watermark: state.watermark, idsAtWatermark: state.idsAtWatermark } : state[key];
}

/**
 * Stores one part's position. A stream seen for the first time starts with its main list at `anchor`: a
 * companion (archived, deleted) that checkpoints before the main list must not lend it its own watermark.
 */
function setPosition(state: SyncState, stream: string, key: Part['key'], position: Position, anchor: Position): void {
  const current = state.streams[stream] ?? { ...anchor };
  if (key === 'main') state.streams[stream] = { ...current, ...position };
  else state.streams[stream] = { ...current, [key]: position };
}

/** Splits [from, until) into `count` equal time ranges, in whole seconds. */
function timeSlices(from: number, until: number, count: number): [number, number][] {
  const span = Math.max(0, until - from);
  const step = Math.max(1000, Math.ceil(span / count / 1000) * 1000);
  const out: [number, number][] = [];
  for (let start = from; start < until; start += step) out.push([start, Math.min(until, start + step)]);
  return out.length > 0 ? out : [[from, until]];
}

/** How long the achieved request rate is measured over. */
const FLOW_WINDOW_MS = 2000;
/** Below this share of the pacer's rate, one more reader is worth a split. */
const FLOW_TARGET = 0.9;
/** Readers of a whole sync never exceed this many (each holds at most one page). */
const MAX_READERS = 24;
/** A running read is split only when it expects at least this many more pages. */
const MIN_SPLIT_PAGES = 3;
/** A read whose pages alone take longer than this share of the known work at full rate is split. */
const TAIL_FACTOR = 1.25;

/** A running read that can give the second half of its unread time range to a new reader. */
interface Splittable {
  /** Pages it still expects to read; 0 when it cannot be split. */
  expectedPages(): number;
  /** Splits; false when it no longer can. */
  split(): boolean;
}

/**
 * The sync-wide view of the readers, which decides when a running read is split in two (slices `'auto'`).
 * With 300 ms or more per page a reader sends at most about 3 requests per second, so filling a rate limit of
 * 10 or more needs several readers, and a large stream read by one reader at the end of a sync makes a long
 * tail. So the read with the most unread pages is split when the pages of all streams complete at less than
 * 90% of the pacer's rate, or when it alone would take longer than the rest of the known work at full rate
 * (it would finish last, alone). At most one split per page round trip, so each new reader shows in the rate
 * before the next one is added, and never more readers than about two seconds' worth of requests.
 */
class ReadFlow {
  /** Readers running now, of every kind. */
  readers = 0;
  readonly candidates = new Set<Splittable>();
  private readonly completions: number[] = [];
  private readonly startedAt = Date.now();
  private lastSplit = 0;
  private roundTripMs = 0;

  constructor(private readonly rate: () => number) {}

  /** A page request completed after `ms` (pacing included). */
  pageDone(ms: number, now = Date.now()): void {
    this.completions.push(now);
    while (this.completions.length > 0 && this.completions[0]! <= now - FLOW_WINDOW_MS) this.completions.shift();
    this.roundTripMs = this.roundTripMs === 0 ? ms : this.roundTripMs * 0.8 + ms * 0.2;
  }

  /** Splits the read with the most unread pages when that helps (see the class). */
  rebalance(now = Date.now()): void {
    if (this.candidates.size === 0 || now - this.lastSplit < this.roundTripMs) return;
    const rate = this.rate();
    if (!(rate > 0) || this.readers >= Math.min(MAX_READERS, Math.ceil(rate * 2) + 2)) return;
    let best: Splittable | undefined;
    let most = 0;
    let total = 0;
    for (const candidate of this.candidates) {
      const pages = candidate.expectedPages();
      total += pages;
      if (pages > most) {
        most = pages;
        best = candidate;
      }
    }
    if (!best || most < MIN_SPLIT_PAGES) return;
    const span = Math.min(FLOW_WINDOW_MS, Math.max(1, now - this.startedAt));
    const achieved = (this.completions.filter((time) => time > now - span).length * 1000) / span;
    const idle = achieved < rate * FLOW_TARGET;
    const critical = (most * this.roundTripMs) / 1000 > (TAIL_FACTOR * total) / rate;
    if ((idle || critical) && best.split()) this.lastSplit = now;
  }
}

/** One time range of a read, with its own reader and position. */
interface Range {
  from: number;
  /** Exclusive; lowered when the range is split. */
  to: number;
  tracker: PositionTracker;
  complete: boolean;
  /** Change times of the first and last record delivered, and how many were. */
  first: number | undefined;
  reached: number | undefined;
  delivered: number;
  /** The last page said more follow. */
  more: boolean;
}

/**
 * The sync engine: checks every option at once (a {@link ConfigError} is thrown here, before any
 * request), then returns the run: records, deletes and checkpoints, each stream read through the one
 * generic path (it never pages or retries on its own).
 *
 * @example
 * for await (const msg of runSync(context, { streams: { deals: {} } })) console.log(msg.type);
 */
export function runSync(context: StreamContext, options: SyncOptions = {}): AsyncGenerator<SyncMessage> {
  const now = (options.now ?? (() => new Date()))();
  const checked = checkOptions(options, now);
  const selected = selectStreams(options.streams, options.defaultMode);
  const state = loadState(options.state);
  return run(context, options, { ...checked, selected, state, runStartedMs: now.getTime() });
}

async function* run(
  context: StreamContext,
  options: SyncOptions,
  setup: ReturnType<typeof checkOptions> & { selected: SelectedStream[]; state: SyncState; runStartedMs: number },
): AsyncGenerator<SyncMessage> {
  const { anchor, lookbackMs, concurrency, slices, selected, state, runStartedMs } = setup;
  const until = new Date((Math.floor(runStartedMs / 1000) + 1) * 1000);
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const channel = new Channel<SyncMessage>(2048);
  let accountError: unknown;

  const checkpoint = () => channel.push({ type: 'checkpoint', state: structuredClone(state) });
  const flow = new ReadFlow(() => context.transport.requestsPerSecond);

  /** Pages of `paginator`, each timed into the flow. */
  async function* timed<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
    const iterator = pages[Symbol.asyncIterator]();
    flow.readers += 1;
    try {
      for (;;) {
        const asked = Date.now();
        const next = await iterator.next();
        flow.pageDone(Date.now() - asked);
        if (next.done) return;
        yield next.value;
      }
    } finally {
      flow.readers -= 1;
      await iterator.return?.();
    }
  }

  async function syncStream({ name, mode }: SelectedStream): Promise<void> {
    const spec: StreamSpec = streamTable[name];
    const meter: Meter = { requests: 0, tokens: 0 };
    const end: StreamEndMessage = { type: 'stream_end', stream: name, records: 0, deletes: 0, pages: 0, requests: 0, tokens: 0 };
    const base: AnyStreamOptions = {
      signal,
      ...(options.pageSize !== undefined && spec.endpoint.pagination !== 'none' ? { pageSize: Math.min(options.pageSize, spec.endpoint.maxPageSize ?? options.pageSize) } : {}),
      ...(options.validate !== undefined ? { validate: options.validate } : {}),
    };
    const named = options.customFields === 'named' && spec.customFields !== undefined;
    if (named) {
      base.customFields = 'named';
      if (state.customFieldNames) base.customFieldNames = state.customFieldNames;
      if (options.refreshCustomFieldNames) base.refreshCustomFieldNames = true;
    }
    /** Keeps the names this stream's records were decoded with in the state, before the checkpoint that covers them. */
    const keepNames = () => {
      const names = named ? context.customFields?.names.snapshot()[name] : undefined;
      if (names) state.customFieldNames = { ...state.customFieldNames, [name]: names };
    };
    const key = spec.primaryKey;
    const cursorField = spec.cursorField;

    /** Sends one record as a record or a delete; returns its change time, if it has one. */
    const deliver = async (record: Record<string, unknown>, asDelete: boolean) => {
      if (asDelete || record['is_deleted'] === true) {
        end.deletes += 1;
        await channel.push({ type: 'delete', stream: name, id: record[key] as string | number });
      } else {
        end.records += 1;
        await channel.push({ type: 'record', stream: name, record });
      }
    };

    await channel.push({ type: 'stream_start', stream: name, mode });
    try {
      if (mode === 'full-refresh') {
        for await (const page of timed(readStream<Record<string, unknown>>(context, spec, base, meter).pages())) {
          end.pages += 1;
          for (const record of page.items) await deliver(record, false);
        }
      } else {
        const previous = state.streams[name];
        const stateAgeMs = previous ? runStartedMs - newestChange(previous) : undefined;
        const streamStop = new AbortController();
        /** One ordered read of the stream; the parts (main, archived, deleted...) are read side by side. */
        const readPart = async (part: Part) => {
          const saved = getPosition(state.streams[name], part.key);
          const start = startPosition(saved, anchor, lookbackMs);
          if (part.key === 'deleted' && stateAgeMs !== undefined && stateAgeMs > DELETED_RETENTION_MS) {
            await channel.push({
              type: 'warning',
              stream: name,
              message: `The state of ${name} is older than 30 days: Pipedrive keeps deleted ${name} for 30 days only, so deletions before ${new Date(runStartedMs - DELETED_RETENTION_MS).toISOString()} cannot be reported. Run a full refresh to reconcile.`,
            });
          }
          const startMs = Date.parse(start.watermark);
          const untilMs = until.getTime();
          const auto = part.sliceable && slices === 'auto';
          const initial = part.sliceable && typeof slices === 'number' && slices > 1 ? timeSlices(startMs, untilMs, slices) : [[startMs, untilMs] as [number, number]];
          const ranges: Range[] = initial.map(([from, to], index) => ({
            from,
            to,
            tracker: new PositionTracker(index === 0 ? start : { watermark: new Date(from).toISOString(), idsAtWatermark: [] }, runStartedMs),
            complete: false,
            first: undefined,
            reached: undefined,
            delivered: 0,
            more: true,
          }));
          /** Every range before the first incomplete one is done: the position is the newest seen up to there. */
          const committed = (): Position => {
            let best = ranges[0]!.tracker.position();
            for (const range of ranges) {
              if (range.tracker.seen) best = range.tracker.position();
              if (!range.complete) break;
            }
            return best;
          };
          const partStop = new AbortController();
          const partSignal = AbortSignal.any([signal, streamStop.signal, partStop.signal]);
          // every reader of the part waiting for the pacer listens to this signal
          setMaxListeners(MAX_READERS + 10, partSignal);
          const pageSize = base.pageSize ?? spec.endpoint.maxPageSize ?? 500;
          const readRange = async (range: Range) => {
            const rangeOptions: AnyStreamOptions = { ...base, ...part.options, signal: partSignal, updatedSince: new Date(range.from), updatedUntil: new Date(range.to) };
            const splittable: Splittable = {
              expectedPages() {
                if (!range.more || range.first === undefined || range.reached === undefined || partSignal.aborted) return 0;
                // records per ms so far, over what is left of the range
                const seenUpTo = Math.floor(range.reached / 1000) * 1000 + 1000;
                return (range.delivered * Math.max(0, range.to - seenUpTo)) / Math.max(1000, seenUpTo - range.first) / pageSize;
              },
              split() {
                if (!range.more || range.reached === undefined || partSignal.aborted) return false;
                // the reader keeps its current second (records tied to it may be unread) and the first half of the rest
                const low = Math.floor(range.reached / 1000) * 1000 + 1000;
                if (range.to - low < 2000) return false;
                const middle = low + Math.floor((range.to - low) / 2000) * 1000;
                const second: Range = {
                  from: middle,
                  to: range.to,
                  tracker: new PositionTracker({ watermark: new Date(middle).toISOString(), idsAtWatermark: [] }, runStartedMs),
                  complete: false,
                  first: undefined,
                  reached: undefined,
                  delivered: 0,
                  more: true,
                };
                range.to = middle;
                ranges.splice(ranges.indexOf(range) + 1, 0, second);
                launch(second);
                return true;
              },
            };
            if (auto) flow.candidates.add(splittable);
            try {
              for await (const page of timed(readStream<Record<string, unknown>>(context, spec, rangeOptions, meter).pages())) {
                end.pages += 1;
                range.more = page.nextCursor !== null;
                let cut = false;
                for (const record of page.items) {
                  const raw = cursorField ? record[cursorField] : undefined;
                  const changed = typeof raw === 'string' ? timestampMs(raw) : undefined;
                  // the range was split: the rest belongs to the reader of the second half
                  if (changed !== undefined && changed >= range.to) {
                    cut = true;
                    break;
                  }
                  const id = record[key] as string | number;
                  if (changed !== undefined && range.tracker.isDuplicate(id, changed)) continue;
                  await deliver(record, part.deletes);
                  if (changed !== undefined) {
                    range.tracker.advance(id, changed);
                    range.first ??= changed;
                    range.reached = changed;
                    range.delivered += 1;
                  }
                }
                if (cut) range.more = false;
                if (part.ordered) {
                  keepNames();
                  setPosition(state, name, part.key, committed(), startPosition(undefined, anchor, 0));
                  await checkpoint();
                }
                if (cut) break;
                flow.rebalance();
              }
            } finally {
              flow.candidates.delete(splittable);
            }
            range.complete = true;
          };
          const readers: Promise<void>[] = [];
          const failures: unknown[] = [];
          const launch = (range: Range) => {
            readers.push(
              readRange(range).then(
                () => flow.rebalance(),
                (error: unknown) => {
                  failures.push(error);
                  partStop.abort(error);
                },
              ),
            );
          };
          for (const range of ranges.slice()) launch(range);
          // splits add readers while these run
          for (let index = 0; index < readers.length; index += 1) await readers[index];
          if (failures.length > 0) throw signal.aborted ? signal.reason : failures[0];
          keepNames();
          setPosition(state, name, part.key, committed(), startPosition(undefined, anchor, 0));
          await checkpoint();
        };
        const partFailures: unknown[] = [];
        await Promise.all(
          partsOf(spec, options.deletes ?? true).map((part) =>
            readPart(part).catch((error: unknown) => {
              partFailures.push(error);
              streamStop.abort(error);
            }),
          ),
        );
        if (partFailures.length > 0) throw signal.aborted ? signal.reason : partFailures[0];
      }
      if (mode === 'full-refresh') {
        keepNames();
        await checkpoint();
      }
    } catch (error) {
      end.error = error instanceof Error ? error : new Error(String(error));
      if (concernsAccount(error) && accountError === undefined) {
        accountError = error;
        stop.abort(error);
      }
    } finally {
      end.requests = meter.requests;
      end.tokens = meter.tokens;
      await channel.push(end);
    }
  }

  // Streams whose reads cannot be split go first, small reference lists among them: a large one left for the
  // end would be read by one reader alone. Reads that can be split (window streams) fill the pacer around them.
  const rank = ({ name, mode }: SelectedStream) => (mode === 'incremental' && (streamTable[name] as StreamSpec).incremental === 'window' ? 1 : 0);
  const queue = [...selected].sort((a, b) => rank(a) - rank(b));
  const worker = async () => {
    for (let next = queue.shift(); next && !signal.aborted; next = queue.shift()) await syncStream(next);
  };
  const workers = Promise.all(Array.from({ length: Math.min(concurrency, selected.length) }, worker)).then(
    () => channel.close(),
    (error: unknown) => channel.fail(error),
  );

  try {
    for await (const message of channel) yield message;
  } finally {
    stop.abort(new Error('sync stopped by its consumer'));
    await workers;
  }
  if (accountError !== undefined) throw accountError;
}
