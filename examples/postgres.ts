/**
 * Incremental sync into PostgreSQL, with the state in the same database.
 *
 *   npx tsx examples/postgres.ts                                              # PGlite in memory + the fake
 *   DATABASE_URL=postgres://user:pass@localhost:5432/crm npx tsx examples/postgres.ts
 *   PIPEDRIVE_API_TOKEN=... PIPEDRIVE_DOMAIN=mycompany npx tsx examples/postgres.ts ./pipedrive-pgdata
 *
 * By default the database is PGlite (Postgres compiled to WebAssembly, running in this process: nothing to
 * install); with `DATABASE_URL` set it is a real server reached through `pg`. The sync code does not know
 * which: it talks to a two-method interface, {@link SqlClient} (`query` and `transaction`), and two tiny
 * adapters implement it.
 *
 * One table per stream, named after it:
 *
 *   CREATE TABLE "deals" ("id" text PRIMARY KEY, "data" jsonb NOT NULL, "updated_at" timestamptz)
 *
 * and the same transactional pattern as examples/sqlite.ts: messages are buffered until a checkpoint,
 * then ONE transaction upserts the records (`INSERT ... ON CONFLICT DO UPDATE`), applies the deletes and
 * replaces the state row. Each batch goes to the server as a single JSON parameter per table, expanded
 * server-side with `jsonb_array_elements`, so a page of 500 deals is one statement, not 500 round trips.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import type { Pipedrive, SyncOptions, SyncState } from '../src/index.js';
import { ChangeBuffer, connect, countMessage, emptySummary, primaryKeyOf, runIfMain, type ChangeBatch, type SyncSummary } from './shared.js';

/**
 * Runs one statement. Both PGlite and `pg` fit it: `$1`-style parameters, rows back.
 *
 * @example
 * const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM deals');
 */
export interface SqlQuery {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * A database the sync can write to: statements, and a transaction that commits when `fn` resolves and
 * rolls back when it throws.
 *
 * @example
 * await sql.transaction(async (tx) => { await tx.query('DELETE FROM deals WHERE id = $1', ['7']); });
 */
export interface SqlClient extends SqlQuery {
  transaction<T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T>;
}

/**
 * A {@link SqlClient} over PGlite (embedded Postgres).
 *
 * @example
 * import { PGlite } from '@electric-sql/pglite';
 * const sql = fromPglite(await PGlite.create()); // or PGlite.create('./pgdata') to keep the data
 */
export function fromPglite(db: PGlite): SqlClient {
  return {
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await db.query<R>(text, params)).rows }),
    transaction: (fn) => db.transaction((tx) => fn({ query: async <R>(text: string, params?: unknown[]) => ({ rows: (await tx.query<R>(text, params)).rows }) })),
  };
}

/**
 * A {@link SqlClient} over a `pg` pool: each transaction takes one connection for BEGIN ... COMMIT.
 *
 * @example
 * import pg from 'pg';
 * const sql = fromPgPool(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 */
export function fromPgPool(pool: Pool): SqlClient {
  return {
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await pool.query(text, params)).rows as R[] }),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async <R>(text: string, params?: unknown[]) => ({ rows: (await client.query(text, params)).rows as R[] }) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/**
 * The one-row table that holds the sync state.
 *
 * @example
 * await sql.query(`SELECT state -> 'streams' -> 'deals' ->> 'watermark' AS watermark FROM ${PG_STATE_TABLE}`);
 */
export const PG_STATE_TABLE = 'pipedrive_sync_state';

/**
 * Creates the state table when missing (the stream tables are created as their streams start).
 *
 * @example
 * await preparePostgres(sql);
 */
export async function preparePostgres(sql: SqlQuery): Promise<void> {
  await sql.query(`CREATE TABLE IF NOT EXISTS ${PG_STATE_TABLE} (
    id int PRIMARY KEY CHECK (id = 1),
    state jsonb NOT NULL,
    saved_at timestamptz NOT NULL DEFAULT now()
  )`);
}

/**
 * The sync state stored in the database, or undefined before the first checkpoint.
 *
 * @example
 * const state = await loadPostgresState(sql);
 * console.log(state?.streams['deals']?.watermark);
 */
export async function loadPostgresState(sql: SqlQuery): Promise<SyncState | undefined> {
  const { rows } = await sql.query<{ state: SyncState }>(`SELECT state FROM ${PG_STATE_TABLE} WHERE id = 1`);
  return rows[0]?.state; // jsonb comes back parsed, from pg and PGlite alike
}

/**
 * Options of {@link syncToPostgres}: the database, plus any sync option (streams, anchorDate, pageSize, signal, ...).
 *
 * @example
 * await syncToPostgres(pd, { sql: fromPglite(await PGlite.create()), anchorDate: '2020-01-01' });
 */
export interface PostgresSyncOptions extends Omit<SyncOptions, 'state'> {
  /** Where to write: {@link fromPglite} or {@link fromPgPool}. */
  sql: SqlClient;
  /** Write the records (not the state) early when this many messages are waiting for a checkpoint. @default 10000 */
  maxBuffer?: number;
  /** Progress and warnings. @default nothing is printed */
  log?: (line: string) => void;
}

/** `"name"`, safe as an SQL identifier. */
function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Writes one batch (and, at a checkpoint, the state) in one transaction. */
async function commit(sql: SqlClient, batch: ChangeBatch, checkpoint: SyncState | undefined): Promise<void> {
  await sql.transaction(async (tx) => {
    for (const [stream, rows] of batch.changes) {
      const table = quote(stream);
      const key = quote(primaryKeyOf(stream));
      const upserts: { k: string; d: Record<string, unknown>; u: string | null }[] = [];
      const deletes: string[] = [];
      for (const [k, row] of rows) {
        if (row) upserts.push({ k, d: row.data, u: row.updatedAt });
        else deletes.push(k);
      }
      // The buffer keeps one change per key, so no row is hit twice by one INSERT ... ON CONFLICT
      // (Postgres refuses that: "ON CONFLICT DO UPDATE command cannot affect row a second time").
      if (upserts.length > 0) {
        await tx.query(
          `INSERT INTO ${table} (${key}, data, updated_at)
           SELECT r ->> 'k', r -> 'd', (r ->> 'u')::timestamptz FROM jsonb_array_elements($1::jsonb) AS r
           ON CONFLICT (${key}) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
          [JSON.stringify(upserts)],
        );
      }
      if (deletes.length > 0) {
        await tx.query(`DELETE FROM ${table} WHERE ${key} IN (SELECT jsonb_array_elements_text($1::jsonb))`, [JSON.stringify(deletes)]);
      }
    }
    for (const [stream, keep] of batch.sweeps) {
      const key = quote(primaryKeyOf(stream));
      await tx.query(`DELETE FROM ${quote(stream)} WHERE ${key} NOT IN (SELECT jsonb_array_elements_text($1::jsonb))`, [JSON.stringify([...keep])]);
    }
    if (checkpoint) {
      await tx.query(
        `INSERT INTO ${PG_STATE_TABLE} (id, state, saved_at) VALUES (1, $1::jsonb, now())
         ON CONFLICT (id) DO UPDATE SET state = EXCLUDED.state, saved_at = EXCLUDED.saved_at`,
        [JSON.stringify(checkpoint)],
      );
    }
  });
}

/**
 * Syncs Pipedrive into Postgres: one table per stream (`jsonb` record, `ON CONFLICT DO UPDATE`), deletes
 * applied, and the state saved in the same transaction as the records it covers. Call it again to go on
 * incrementally.
 *
 * @example
 * const sql = fromPgPool(new pg.Pool({ connectionString: process.env.DATABASE_URL }));
 * const summary = await syncToPostgres(pd, { sql, anchorDate: '2020-01-01' });
 * console.log(`${summary.records} records, ${summary.deletes} deletes`);
 */
export async function syncToPostgres(pd: Pipedrive, options: PostgresSyncOptions): Promise<SyncSummary> {
  const { sql, maxBuffer = 10_000, log = () => {}, ...syncOptions } = options;
  await preparePostgres(sql);
  const state = await loadPostgresState(sql);
  log(state ? 'resuming from the state in the database' : 'no state yet: reading everything since anchorDate');

  const summary = emptySummary();
  const buffer = new ChangeBuffer();
  for await (const msg of pd.sync({ ...syncOptions, state: state ?? null })) {
    countMessage(summary, msg, log);
    if (msg.type === 'stream_start') {
      // Outside the batch transaction: a table exists before any batch that writes to it.
      await sql.query(`CREATE TABLE IF NOT EXISTS ${quote(msg.stream)} (${quote(primaryKeyOf(msg.stream))} text PRIMARY KEY, data jsonb NOT NULL, updated_at timestamptz)`);
    }
    buffer.add(msg);
    if (msg.type === 'checkpoint') {
      await commit(sql, buffer.take(), msg.state);
      summary.checkpoints += 1;
    } else if (buffer.size >= maxBuffer) {
      await commit(sql, buffer.take(), undefined); // records only: the state waits for its checkpoint
    }
    if (msg.type === 'stream_end') log(`${msg.stream}: ${msg.records} records, ${msg.deletes} deletes`);
  }
  // Sweeps of full-refresh streams that ended after the last checkpoint; the state stays where it is.
  await commit(sql, buffer.take(), undefined);
  return summary;
}

async function main(): Promise<void> {
  const connection = await connect();
  const { pd, fake, source } = connection;
  let sql: SqlClient;
  let closeDatabase: () => Promise<void>;
  const url = process.env['DATABASE_URL'];
  if (url) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: url });
    sql = fromPgPool(pool);
    closeDatabase = () => pool.end();
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    // With a real account, keep the data in a directory so the next run resumes; with the fake, in memory.
    const dataDir = process.argv[2] ?? (fake ? undefined : './pipedrive-pgdata');
    const db = await PGlite.create(dataDir);
    sql = fromPglite(db);
    closeDatabase = () => db.close();
  }
  try {
    console.log(`syncing ${source} into ${url ? 'the DATABASE_URL server' : 'PGlite'}`);
    const first = await syncToPostgres(pd, { sql, anchorDate: '2000-01-01', log: console.log });
    console.log(`run 1: ${first.records} records, ${first.deletes} deletes, ${first.checkpoints} checkpoints`);
    if (fake) {
      fake.mutate({ create: { deals: 3 }, update: { deals: 5, persons: 2 }, delete: { deals: 1 } });
      const second = await syncToPostgres(pd, { sql });
      console.log(`run 2 (resumed from the state row): ${second.records} records, ${second.deletes} deletes`);
    }
    const { rows } = await sql.query(`SELECT id, data ->> 'title' AS title, updated_at FROM deals ORDER BY updated_at DESC LIMIT 3`);
    console.log('latest deals:', rows);
  } finally {
    await closeDatabase();
    await connection.close();
  }
}

runIfMain(import.meta.url, main);
