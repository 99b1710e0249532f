import type { SyncState } from './state.js';

/**
 * How a stream is read: only what changed since the state, or everything.
 *
 * @example
 * pd.sync({ streams: { users: { mode: 'full-refresh' satisfies SyncMode } } });
 */
export type SyncMode = 'incremental' | 'full-refresh';

/**
 * A record to store (upsert by the stream's primary key: delivery is at least once).
 *
 * @example
 * if (msg.type === 'record') await db.upsert(msg.stream, msg.record);
 */
export interface RecordMessage {
  type: 'record';
  stream: string;
  record: Record<string, unknown>;
}

/**
 * A record deleted in Pipedrive (deals deleted in the last 30 days, or a record flagged `is_deleted`).
 *
 * @example
 * if (msg.type === 'delete') await db.remove(msg.stream, msg.id);
 */
export interface DeleteMessage {
  type: 'delete';
  stream: string;
  id: string | number;
}

/**
 * The whole state, safe to persist once every message before it is stored.
 *
 * @example
 * if (msg.type === 'checkpoint') await writeFile('state.json', JSON.stringify(msg.state));
 */
export interface CheckpointMessage {
  type: 'checkpoint';
  state: SyncState;
}

/**
 * A stream begins.
 *
 * @example
 * if (msg.type === 'stream_start') console.log(msg.stream, msg.mode);
 */
export interface StreamStartMessage {
  type: 'stream_start';
  stream: string;
  mode: SyncMode;
}

/**
 * A stream ended, with what it cost; `error` is set when it failed (the other streams go on unless the
 * error concerns the whole account).
 *
 * @example
 * if (msg.type === 'stream_end' && msg.error) console.error(msg.stream, msg.error.message);
 */
export interface StreamEndMessage {
  type: 'stream_end';
  stream: string;
  records: number;
  /** Delete messages sent. */
  deletes: number;
  pages: number;
  requests: number;
  tokens: number;
  error?: Error;
}

/**
 * Something the caller should know that is not an error, e.g. a state older than the 30 days Pipedrive
 * keeps deleted deals.
 *
 * @example
 * if (msg.type === 'warning') console.warn(msg.message);
 */
export interface WarningMessage {
  type: 'warning';
  stream?: string;
  message: string;
}

/**
 * Everything `pd.sync()` yields.
 *
 * @example
 * for await (const msg of pd.sync({ state })) if (msg.type === 'checkpoint') save(msg.state);
 */
export type SyncMessage = RecordMessage | DeleteMessage | CheckpointMessage | StreamStartMessage | StreamEndMessage | WarningMessage;
