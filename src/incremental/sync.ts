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
  /** Streams read side by side, all through the client's one pacer. @default 3 */
  concurrency?: number;
  /** Time slices a v2 incremental read is split into and fetched in parallel. @default 1 */
  slices?: number;
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

function checkOptions(options: SyncOptions, now: Date): { anchor: Date; lookbackMs: number; concurrency: number; slices: number } {
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
    slices: integer(options.slices, 'slices', 1, 1),
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

function setPosition(state: SyncState, stream: string, key: Part['key'], position: Position): void {
  const current = state.streams[stream];
  if (key === 'main') state.streams[stream] = { ...current, ...position };
  else state.streams[stream] = { ...(current ?? position), [key]: position };
}

/** Splits [from, until) into `count` equal time ranges, in whole seconds. */
function timeSlices(from: number, until: number, count: number): [number, number][] {
  const span = Math.max(0, until - from);
  const step = Math.max(1000, Math.ceil(span / count / 1000) * 1000);
  const out: [number, number][] = [];
  for (let start = from; start < until; start += step) out.push([start, Math.min(until, start + step)]);
  return out.length > 0 ? out : [[from, until]];
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
        for await (const page of readStream<Record<string, unknown>>(context, spec, base, meter).pages()) {
          end.pages += 1;
          for (const record of page.items) await deliver(record, false);
        }
      } else {
        const previous = state.streams[name];
        const stateAgeMs = previous ? runStartedMs - newestChange(previous) : undefined;
        for (const part of partsOf(spec, options.deletes ?? true)) {
          const saved = getPosition(state.streams[name], part.key);
          const start = startPosition(saved, anchor, lookbackMs);
          if (part.key === 'deleted' && stateAgeMs !== undefined && stateAgeMs > DELETED_RETENTION_MS) {
            await channel.push({
              type: 'warning',
              stream: name,
              message: `The state of ${name} is older than 30 days: Pipedrive keeps deleted ${name} for 30 days only, so deletions before ${new Date(runStartedMs - DELETED_RETENTION_MS).toISOString()} cannot be reported. Run a full refresh to reconcile.`,
            });
          }
          const ranges = part.sliceable && slices > 1 ? timeSlices(Date.parse(start.watermark), until.getTime(), slices) : [[Date.parse(start.watermark), until.getTime()] as [number, number]];
          const trackers = ranges.map(([from], index) => new PositionTracker(index === 0 ? start : { watermark: new Date(from).toISOString(), idsAtWatermark: [] }, runStartedMs));
          const complete = ranges.map(() => false);
          const committed = (): Position => {
            let best = trackers[0]!.position();
            for (let i = 0; i < trackers.length; i += 1) {
              if (trackers[i]!.seen) best = trackers[i]!.position();
              if (!complete[i]) break;
            }
            return best;
          };
          const partStop = new AbortController();
          const partSignal = AbortSignal.any([signal, partStop.signal]);
          const readRange = async (index: number) => {
            const [from, to] = ranges[index]!;
            const tracker = trackers[index]!;
            const rangeOptions: AnyStreamOptions = { ...base, ...part.options, signal: partSignal, updatedSince: new Date(from), updatedUntil: new Date(to) };
            const paginator = readStream<Record<string, unknown>>(context, spec, rangeOptions, meter);
            for await (const page of paginator.pages()) {
              end.pages += 1;
              for (const record of page.items) {
                const raw = cursorField ? record[cursorField] : undefined;
                const changed = typeof raw === 'string' ? timestampMs(raw) : undefined;
                const id = record[key] as string | number;
                if (changed !== undefined && tracker.isDuplicate(id, changed)) continue;
                await deliver(record, part.deletes);
                if (changed !== undefined) tracker.advance(id, changed);
              }
              if (part.ordered) {
                keepNames();
                setPosition(state, name, part.key, committed());
                await checkpoint();
              }
            }
            complete[index] = true;
          };
          const results = await Promise.allSettled(
            ranges.map((_, index) =>
              readRange(index).catch((error: unknown) => {
                partStop.abort(error);
                throw error;
              }),
            ),
          );
          const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
          if (failed) throw signal.aborted ? signal.reason : failed.reason;
          keepNames();
          setPosition(state, name, part.key, committed());
          await checkpoint();
        }
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

  const queue = [...selected];
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
