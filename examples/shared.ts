/**
 * Helpers shared by the examples: a client from the environment (or an in-process fake Pipedrive), the
 * primary key and change time of a record, and a buffer that collects sync messages between checkpoints.
 *
 * Nothing here is specific to one storage: the examples (export-jsonl.ts, sqlite.ts, postgres.ts,
 * custom-field-names.ts, abort-and-resume.ts) show what to do with it.
 */
import { pathToFileURL } from 'node:url';
import { Pipedrive, timestampMs, type SyncMessage } from '../src/index.js';
import { createDataset, createFakePipedrive, type DatasetCounts, type FakePipedrive } from '../src/testing/index.js';

/**
 * A client and where it points: a real account, or a fake Pipedrive served from this process.
 *
 * @example
 * const { pd, fake, close } = await connect();
 * try { console.log(await pd.stages().toArray()); } finally { await close(); }
 */
export interface Connection {
  pd: Pipedrive;
  /** The fake Pipedrive, when no `PIPEDRIVE_API_TOKEN` is set (examples use it to `mutate` data between runs). */
  fake?: FakePipedrive;
  /** Where the client points, for messages. */
  source: string;
  /** Stops the fake server, if one was started. */
  close(): Promise<void>;
}

/**
 * Options of {@link connect}.
 *
 * @example
 * await connect({ counts: { deals: 500 } });
 */
export interface ConnectOptions {
  /** Record counts of the fake's dataset (ignored for a real account). @default the fake's defaults (200 deals, ...) */
  counts?: DatasetCounts;
  /** Seed of the fake's dataset. @default 1 */
  seed?: number;
}

/**
 * A client for the examples: with `PIPEDRIVE_API_TOKEN` (and `PIPEDRIVE_DOMAIN`, e.g. `mycompany`) set, a
 * real account; otherwise the built-in fake Pipedrive on 127.0.0.1, so every example runs without an account.
 *
 * @example
 * const { pd, source, close } = await connect();
 * console.log(`reading ${source}`);
 */
export async function connect(options: ConnectOptions = {}): Promise<Connection> {
  const token = process.env['PIPEDRIVE_API_TOKEN'];
  if (token) {
    const domain = process.env['PIPEDRIVE_DOMAIN'] ?? '';
    // The client's defaults (adaptive pacing that follows Pipedrive's rate-limit headers, retries with
    // backoff) are what a real account wants: no need to tune anything here.
    return { pd: new Pipedrive({ apiToken: token, domain }), source: `${domain}.pipedrive.com`, close: async () => {} };
  }
  const fake = createFakePipedrive({ dataset: createDataset({ seed: options.seed ?? 1, ...(options.counts ? { counts: options.counts } : {}) }) });
  const server = await fake.listen();
  // The fake has no rate limit unless asked for one, so a high fixed rate keeps the demo fast.
  const pd = new Pipedrive({ apiToken: fake.apiToken, baseUrl: server.url, rateLimit: { requestsPerSecond: 200 } });
  return { pd, fake, source: `the fake Pipedrive at ${server.url}`, close: () => server.close() };
}

/**
 * Runs `main` when the file is started directly (`npx tsx examples/x.ts`), not when a test imports it;
 * prints the error message and sets a failing exit code on failure.
 *
 * @example
 * runIfMain(import.meta.url, main);
 */
export function runIfMain(moduleUrl: string, main: () => Promise<void>): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

/**
 * The primary key field of a stream, from the catalog: `id`, or `field_code` for the field catalogs.
 *
 * @example
 * primaryKeyOf('deal_fields'); // 'field_code'
 */
export function primaryKeyOf(stream: string): 'id' | 'field_code' {
  return Pipedrive.streams.find((info) => info.name === stream)?.primaryKey ?? 'id';
}

/**
 * The primary key of a record as text (ids are numbers for most streams, UUIDs for leads, 40-hex codes
 * for fields): one text key column fits every stream.
 *
 * @example
 * keyOf('deals', { id: 7 }); // '7'
 */
export function keyOf(stream: string, record: Record<string, unknown>): string {
  return String(record[primaryKeyOf(stream)]);
}

/**
 * When a record last changed, as RFC 3339 UTC, or null when its stream has no change time (stages,
 * currencies, ...). Pipedrive writes times three ways (`2025-03-01T10:20:30Z`, `2025-03-01 10:20:30` in
 * UTC without a zone, and ISO with milliseconds); this reads all three.
 *
 * @example
 * changeTimeOf('notes', { update_time: '2025-03-01 10:20:30' }); // '2025-03-01T10:20:30.000Z'
 */
export function changeTimeOf(stream: string, record: Record<string, unknown>): string | null {
  const field = Pipedrive.streams.find((info) => info.name === stream)?.cursorField;
  const value = field ? record[field] : undefined;
  if (typeof value !== 'string' || value === '') return null;
  try {
    return new Date(timestampMs(value)).toISOString(); // the SDK's parser knows all three forms
  } catch {
    return null;
  }
}

/**
 * One row to write: the record under its key, with its change time.
 *
 * @example
 * const row: Row = { key: '7', data: { id: 7, title: 'Big deal' }, updatedAt: '2025-03-01T10:20:30.000Z' };
 */
export interface Row {
  key: string;
  data: Record<string, unknown>;
  updatedAt: string | null;
}

/**
 * What a {@link ChangeBuffer} hands over at a checkpoint: per stream, key to row (upsert) or null (delete);
 * and the full-refresh streams that ended cleanly, with the keys they delivered (every other row of those
 * tables is gone in Pipedrive).
 *
 * @example
 * const { changes, sweeps } = buffer.take();
 */
export interface ChangeBatch {
  changes: Map<string, Map<string, Row | null>>;
  sweeps: Map<string, Set<string>>;
}

/**
 * Collects what a sync delivers between two checkpoints, so that the records and the checkpoint's state
 * can be written in ONE transaction.
 *
 * - The last message per key wins: a record then a delete of the same deal is a delete, and a record
 *   delivered twice (delivery is at least once) is written once. That also keeps a batch free of
 *   duplicate keys, which `INSERT ... ON CONFLICT DO UPDATE` needs.
 * - Full-refresh streams (stages, users, the field catalogs, ...) send no deletes: a row that is no longer
 *   in the list is gone. The buffer remembers their keys, and when such a stream ends without an error it
 *   asks for a sweep: delete every row of that table not delivered by this run.
 *
 * @example
 * const buffer = new ChangeBuffer();
 * for await (const msg of pd.sync({ state })) {
 *   buffer.add(msg);
 *   if (msg.type === 'checkpoint') writeInOneTransaction(buffer.take(), msg.state);
 * }
 */
export class ChangeBuffer {
  private changes = new Map<string, Map<string, Row | null>>();
  private sweeps = new Map<string, Set<string>>();
  /** Keys delivered by each full-refresh stream of this run (kept across batches). */
  private readonly fullRefresh = new Map<string, Set<string>>();
  /** Messages held (records and deletes), to flush early when it grows large. */
  size = 0;

  /**
   * Takes one sync message into the buffer (checkpoints, warnings and stream starts without a table are ignored).
   *
   * @example
   * buffer.add({ type: 'delete', stream: 'deals', id: 7 });
   */
  add(message: SyncMessage): void {
    switch (message.type) {
      case 'stream_start':
        if (message.mode === 'full-refresh') this.fullRefresh.set(message.stream, new Set());
        break;
      case 'record': {
        const key = keyOf(message.stream, message.record);
        this.table(message.stream).set(key, { key, data: message.record, updatedAt: changeTimeOf(message.stream, message.record) });
        this.fullRefresh.get(message.stream)?.add(key);
        this.size += 1;
        break;
      }
      case 'delete':
        this.table(message.stream).set(String(message.id), null);
        this.size += 1;
        break;
      case 'stream_end': {
        const keys = this.fullRefresh.get(message.stream);
        // A stream that failed or was cancelled delivered only part of the list: sweeping would delete rows
        // that still exist. Keep them; the next full refresh settles it.
        if (keys && !message.error) this.sweeps.set(message.stream, keys);
        this.fullRefresh.delete(message.stream);
        break;
      }
      default:
        break;
    }
  }

  /**
   * Hands over everything collected so far and starts a new batch.
   *
   * @example
   * const { changes, sweeps } = buffer.take();
   */
  take(): ChangeBatch {
    const batch = { changes: this.changes, sweeps: this.sweeps };
    this.changes = new Map();
    this.sweeps = new Map();
    this.size = 0;
    return batch;
  }

  private table(stream: string): Map<string, Row | null> {
    let rows = this.changes.get(stream);
    if (!rows) this.changes.set(stream, (rows = new Map()));
    return rows;
  }
}

/**
 * What one sync run did, as the storage examples report it.
 *
 * @example
 * const summary = await syncToSqlite(pd, { database: 'pipedrive.sqlite' });
 * console.log(summary.records, summary.deletes, summary.errors);
 */
export interface SyncSummary {
  /** Record messages received. */
  records: number;
  /** Delete messages received. */
  deletes: number;
  /** Checkpoints persisted. */
  checkpoints: number;
  /** Streams that ended with an error (the others went on). */
  errors: { stream: string; message: string }[];
  /** Warnings the sync sent (e.g. a state older than the 30 days deleted deals are kept). */
  warnings: string[];
}

/**
 * A {@link SyncSummary} with nothing counted yet.
 *
 * @example
 * const summary = emptySummary();
 */
export function emptySummary(): SyncSummary {
  return { records: 0, deletes: 0, checkpoints: 0, errors: [], warnings: [] };
}

/**
 * Counts one message into a summary and logs warnings and failed streams.
 *
 * @example
 * for await (const msg of pd.sync()) countMessage(summary, msg, console.log);
 */
export function countMessage(summary: SyncSummary, message: SyncMessage, log: (line: string) => void): void {
  if (message.type === 'record') summary.records += 1;
  else if (message.type === 'delete') summary.deletes += 1;
  else if (message.type === 'warning') {
    summary.warnings.push(message.message);
    log(`warning: ${message.message}`);
  } else if (message.type === 'stream_end' && message.error) {
    summary.errors.push({ stream: message.stream, message: message.error.message });
    log(`${message.stream} failed: ${message.error.message}`);
  }
}
