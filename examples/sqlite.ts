/**
 * Incremental sync into SQLite (better-sqlite3), with the state in the same database.
 *
 *   npx tsx examples/sqlite.ts [file]                                         # against the built-in fake
 *   PIPEDRIVE_API_TOKEN=... PIPEDRIVE_DOMAIN=mycompany npx tsx examples/sqlite.ts pipedrive.sqlite
 *
 * One table per stream, named after it (`deals`, `deal_fields`, ...):
 *
 *   CREATE TABLE "deals" ("id" TEXT PRIMARY KEY, "data" TEXT NOT NULL, "updated_at" TEXT)
 *
 * - the key column is the stream's primary key from `Pipedrive.streams` (`id`, or `field_code` for the
 *   field catalogs), stored as text because leads have UUIDs and fields have 40-hex codes;
 * - `data` is the whole record as JSON: query it with `data ->> '$.title'`;
 * - `updated_at` is the record's change time (RFC 3339, UTC), null for streams without one.
 *
 * The guarantee: the state row and the records it covers are written in ONE transaction. Messages are
 * buffered until a checkpoint; at the checkpoint one transaction upserts the records, applies the deletes
 * and replaces the state row. A crash (or an error) anywhere leaves the database at the last committed
 * checkpoint: never a state that points past records that are not stored. The next run reads the state
 * from the database and goes on from there.
 */
import Database from 'better-sqlite3';
import type { Pipedrive, SyncOptions, SyncState } from '../src/index.js';
import { ChangeBuffer, connect, countMessage, emptySummary, primaryKeyOf, runIfMain, type ChangeBatch, type SyncSummary } from './shared.js';

/**
 * Options of {@link syncToSqlite}: the database, plus any sync option (streams, anchorDate, pageSize, signal, ...).
 *
 * @example
 * await syncToSqlite(pd, { database: 'pipedrive.sqlite', anchorDate: '2020-01-01' });
 */
export interface SqliteSyncOptions extends Omit<SyncOptions, 'state'> {
  /** A file name (`:memory:` works too), or an open database (from {@link openSqlite} or `new Database()`). */
  database: string | Database.Database;
  /**
   * Write the records (not the state) early when this many messages are waiting for a checkpoint.
   * Records stored ahead of the state are harmless (the next run at worst writes them again); a state
   * ahead of its records is what the transaction prevents. @default 10000
   */
  maxBuffer?: number;
  /** Progress and warnings. @default nothing is printed */
  log?: (line: string) => void;
}

/**
 * The one-row table that holds the sync state.
 *
 * @example
 * db.prepare(`SELECT state, saved_at FROM ${SQLITE_STATE_TABLE}`).get();
 */
export const SQLITE_STATE_TABLE = '_pipedrive_sync_state';

/**
 * Opens (or creates) a database for {@link syncToSqlite}, with WAL journaling and the state table.
 *
 * @example
 * const db = openSqlite('pipedrive.sqlite');
 * db.prepare(`SELECT data ->> '$.title' AS title FROM deals ORDER BY updated_at DESC LIMIT 5`).all();
 */
export function openSqlite(database: string | Database.Database): Database.Database {
  const db = typeof database === 'string' ? new Database(database) : database;
  db.pragma('journal_mode = WAL'); // readers do not block the sync, and commits are cheap
  db.exec(`CREATE TABLE IF NOT EXISTS ${SQLITE_STATE_TABLE} (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT NOT NULL,
    saved_at TEXT NOT NULL
  )`);
  return db;
}

/**
 * The sync state stored in the database, or undefined before the first checkpoint.
 *
 * @example
 * const state = loadSqliteState(openSqlite('pipedrive.sqlite'));
 * console.log(state?.streams['deals']?.watermark);
 */
export function loadSqliteState(db: Database.Database): SyncState | undefined {
  const row = db.prepare(`SELECT state FROM ${SQLITE_STATE_TABLE} WHERE id = 1`).get() as { state: string } | undefined;
  return row ? (JSON.parse(row.state) as SyncState) : undefined;
}

/** `"name"`, safe as an SQL identifier. */
function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Syncs Pipedrive into SQLite: one table per stream, upserts by primary key, deletes applied, and the
 * state saved in the same transaction as the records it covers. Call it again to go on incrementally.
 *
 * @example
 * const pd = new Pipedrive({ apiToken: process.env.PIPEDRIVE_API_TOKEN!, domain: 'mycompany' });
 * const summary = await syncToSqlite(pd, { database: 'pipedrive.sqlite', anchorDate: '2020-01-01' });
 * console.log(`${summary.records} records, ${summary.deletes} deletes`);
 */
export async function syncToSqlite(pd: Pipedrive, options: SqliteSyncOptions): Promise<SyncSummary> {
  const { database, maxBuffer = 10_000, log = () => {}, ...syncOptions } = options;
  const db = openSqlite(database);
  try {
    const state = loadSqliteState(db);
    log(state ? 'resuming from the state in the database' : 'no state yet: reading everything since anchorDate');

    // Statements per table, prepared once. A table is created when its stream starts, outside any
    // transaction (so a rolled-back batch never leaves a cached statement for a table that is gone).
    const tables = new Map<string, { upsert: Database.Statement; remove: Database.Statement; sweep: Database.Statement }>();
    const createTable = (stream: string) => {
      if (tables.has(stream)) return;
      const table = quote(stream);
      const key = quote(primaryKeyOf(stream));
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (${key} TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at TEXT)`);
      tables.set(stream, {
        upsert: db.prepare(
          `INSERT INTO ${table} (${key}, data, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (${key}) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
        ),
        remove: db.prepare(`DELETE FROM ${table} WHERE ${key} = ?`),
        // json_each turns a JSON array of the keys to keep into rows
        sweep: db.prepare(`DELETE FROM ${table} WHERE ${key} NOT IN (SELECT value FROM json_each(?))`),
      });
    };
    const saveState = db.prepare(
      `INSERT INTO ${SQLITE_STATE_TABLE} (id, state, saved_at) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at`,
    );

    // THE transaction: every change of the batch, then (at a checkpoint) the state. better-sqlite3 commits
    // when the function returns and rolls back when it throws.
    const commit = db.transaction((batch: ChangeBatch, checkpoint: SyncState | undefined) => {
      for (const [stream, rows] of batch.changes) {
        const statements = tables.get(stream)!;
        for (const [key, row] of rows) {
          if (row) statements.upsert.run(key, JSON.stringify(row.data), row.updatedAt);
          else statements.remove.run(key);
        }
      }
      for (const [stream, keep] of batch.sweeps) tables.get(stream)!.sweep.run(JSON.stringify([...keep]));
      if (checkpoint) saveState.run(JSON.stringify(checkpoint), new Date().toISOString());
    });

    const summary = emptySummary();
    const buffer = new ChangeBuffer();
    for await (const msg of pd.sync({ ...syncOptions, state: state ?? null })) {
      countMessage(summary, msg, log);
      if (msg.type === 'stream_start') createTable(msg.stream);
      buffer.add(msg);
      if (msg.type === 'checkpoint') {
        commit(buffer.take(), msg.state);
        summary.checkpoints += 1;
      } else if (buffer.size >= maxBuffer) {
        commit(buffer.take(), undefined); // records only: the state waits for its checkpoint
      }
      if (msg.type === 'stream_end') log(`${msg.stream}: ${msg.records} records, ${msg.deletes} deletes`);
    }
    // After the last checkpoint there may still be sweeps of full-refresh streams (and records of a stream
    // that failed after its last checkpoint): write them; the state stays at the last checkpoint.
    // If the loop above throws instead, nothing after the last checkpoint is written, as in a crash.
    commit(buffer.take(), undefined);
    return summary;
  } finally {
    if (typeof database === 'string') db.close();
  }
}

async function main(): Promise<void> {
  const connection = await connect();
  const { pd, fake, source } = connection;
  const file = process.argv[2] ?? (fake ? ':memory:' : 'pipedrive.sqlite');
  const db = openSqlite(file);
  try {
    console.log(`syncing ${source} into ${file}`);
    const first = await syncToSqlite(pd, { database: db, anchorDate: '2000-01-01', log: console.log });
    console.log(`run 1: ${first.records} records, ${first.deletes} deletes, ${first.checkpoints} checkpoints`);
    if (fake) {
      fake.mutate({ create: { deals: 3 }, update: { deals: 5, persons: 2 }, delete: { deals: 1 } });
      const second = await syncToSqlite(pd, { database: db });
      console.log(`run 2 (resumed from the state row): ${second.records} records, ${second.deletes} deletes`);
    }
    const latest = db.prepare(`SELECT id, data ->> '$.title' AS title, updated_at FROM deals ORDER BY updated_at DESC LIMIT 3`).all();
    console.log('latest deals:', latest);
    console.log('deals watermark:', loadSqliteState(db)?.streams['deals']?.watermark);
  } finally {
    db.close();
    await connection.close();
  }
}

runIfMain(import.meta.url, main);
