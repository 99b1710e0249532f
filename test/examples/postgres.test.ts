import { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { fromPglite, fromPgPool, loadPostgresState, PG_STATE_TABLE, preparePostgres, syncToPostgres, type SqlClient } from '../../examples/postgres.js';
import { ALL_STREAMS, CHANGES, COUNTS, crashingSync, deletedDealKeys, EVERYTHING, expectConsistent, expectedKeys, startFake, tableDiff, type FakeSetup } from './helpers.js';

let setup: FakeSetup | undefined;
let closeDb: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeDb?.();
  closeDb = undefined;
  await setup?.close();
  setup = undefined;
});

async function pglite(): Promise<{ db: PGlite; sql: SqlClient }> {
  const db = await PGlite.create();
  closeDb = () => db.close();
  return { db, sql: fromPglite(db) };
}

function primaryKey(stream: string): string {
  return stream.endsWith('_fields') ? 'field_code' : 'id';
}

async function storedKeys(sql: SqlClient): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  const { rows: tables } = await sql.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`);
  for (const stream of ALL_STREAMS) {
    if (!tables.some((t) => t.name === stream)) continue;
    const { rows } = await sql.query<{ k: string }>(`SELECT "${primaryKey(stream)}" AS k FROM "${stream}"`);
    out.set(stream, new Set(rows.map((r) => r.k)));
  }
  return out;
}

async function storedRecord(sql: SqlClient, stream: string, key: string | number): Promise<Record<string, unknown> | undefined> {
  const { rows } = await sql.query<{ data: Record<string, unknown> }>(`SELECT data FROM "${stream}" WHERE "${primaryKey(stream)}" = $1`, [String(key)]);
  return rows[0]?.data;
}

/** The whole first-run / mutate / second-run check, for PGlite and (with DATABASE_URL) a real server. */
async function fullCycle(fake: FakeSetup, sql: SqlClient): Promise<void> {
  const pd = fake.client();
  const first = await syncToPostgres(pd, { sql, anchorDate: EVERYTHING });
  expect(first.errors).toEqual([]);
  expect(tableDiff(await storedKeys(sql), expectedKeys(fake.fake.dataset))).toEqual([]);
  const firstState = (await loadPostgresState(sql))!;
  const { rows } = await sql.query<{ t: string; u: Date }>(`SELECT data ->> 'title' AS t, updated_at AS u FROM deals WHERE id = $1`, ['1']);
  const deal = fake.fake.dataset.get('deals', 1)!;
  if (rows[0]) {
    expect(rows[0].t).toBe(deal['title']);
    expect(new Date(rows[0].u).toISOString()).toBe(new Date(String(deal['update_time'])).toISOString());
  }

  const changes = fake.fake.mutate(CHANGES);
  const second = await syncToPostgres(pd, { sql });
  expect(second.errors).toEqual([]);
  expect(second.records).toBeLessThan(first.records / 2);
  expect(tableDiff(await storedKeys(sql), expectedKeys(fake.fake.dataset))).toEqual([]);
  for (const [stream, ids] of Object.entries({ ...changes.updated, ...changes.created, ...changes.archived })) {
    for (const id of ids ?? []) {
      const now = fake.fake.dataset.get(stream as 'deals', id)!;
      if (now['is_deleted'] === true) continue;
      expect((await storedRecord(sql, stream, id))?.['update_time'], `${stream} ${id}`).toBe(now['update_time']);
    }
  }
  for (const key of deletedDealKeys(fake.fake.dataset)) expect(await storedRecord(sql, 'deals', key)).toBeUndefined();
  const secondState = (await loadPostgresState(sql))!;
  expect(Date.parse(secondState.streams['deals']!.watermark)).toBeGreaterThan(Date.parse(firstState.streams['deals']!.watermark));
}

describe('examples/postgres.ts with PGlite', () => {
  it('stores every stream as jsonb, then applies the changes on the next run from the state row', async () => {
    setup = await startFake({ seed: 51, counts: COUNTS });
    const { sql } = await pglite();
    await fullCycle(setup, sql);
  });

  it('keeps the state row and the records consistent after a crash between checkpoints, and resumes to a complete database', async () => {
    setup = await startFake({ seed: 52, counts: COUNTS });
    const pd = setup.client();
    const { sql } = await pglite();
    let records = 0;
    const log = crashingSync(pd, (message) => message.type === 'record' && ++records === 455);
    await expect(syncToPostgres(pd, { sql, anchorDate: EVERYTHING, pageSize: 50 })).rejects.toThrow('simulated crash');

    const state = (await loadPostgresState(sql))!;
    const checkpoints = log.messages.filter((m) => m.type === 'checkpoint').length;
    expect(checkpoints).toBeGreaterThan(2);
    expect(state).toEqual(log.checkpoint(checkpoints));
    expect(tableDiff(await storedKeys(sql), log.keysUpToCheckpoint(checkpoints))).toEqual([]);
    expect(expectConsistent(setup.fake.dataset, state, await storedKeys(sql))).toBeGreaterThan(100);

    const resumed = await syncToPostgres(setup.client(), { sql, anchorDate: EVERYTHING, pageSize: 50 });
    expect(resumed.errors).toEqual([]);
    expect(tableDiff(await storedKeys(sql), expectedKeys(setup.fake.dataset))).toEqual([]);
  });

  it('rolls back records and state together when the transaction itself fails', async () => {
    setup = await startFake({ seed: 53, counts: COUNTS });
    const pd = setup.client();
    const { db, sql } = await pglite();
    await preparePostgres(sql);
    // the third state write raises inside its transaction, after that batch's upserts ran (a sequence is not
    // rolled back, so it counts every attempt)
    await db.exec(`
      CREATE SEQUENCE state_writes;
      CREATE FUNCTION fail_third_state_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF nextval('state_writes') = 3 THEN RAISE EXCEPTION 'disk full (simulated)'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER fail_state BEFORE INSERT ON ${PG_STATE_TABLE} FOR EACH ROW EXECUTE FUNCTION fail_third_state_write();`);
    const log = crashingSync(pd, () => false);
    await expect(syncToPostgres(pd, { sql, anchorDate: EVERYTHING, pageSize: 50, concurrency: 1 })).rejects.toThrow(/simulated/);

    expect(await loadPostgresState(sql)).toEqual(log.checkpoint(2));
    expect(tableDiff(await storedKeys(sql), log.keysUpToCheckpoint(2))).toEqual([]);

    await db.exec('DROP TRIGGER fail_state ON ' + PG_STATE_TABLE);
    await syncToPostgres(setup.client(), { sql, anchorDate: EVERYTHING });
    expect(tableDiff(await storedKeys(sql), expectedKeys(setup.fake.dataset))).toEqual([]);
  });

  it('never lets the state run ahead of its records when records are written early (small maxBuffer), and sweeps full-refresh tables', async () => {
    setup = await startFake({ seed: 54, counts: COUNTS });
    const pd = setup.client();
    const { sql } = await pglite();
    let records = 0;
    crashingSync(pd, (message) => message.type === 'record' && ++records === 610);
    await expect(syncToPostgres(pd, { sql, anchorDate: EVERYTHING, pageSize: 50, maxBuffer: 7 })).rejects.toThrow('simulated crash');
    expect(expectConsistent(setup.fake.dataset, (await loadPostgresState(sql))!, await storedKeys(sql))).toBeGreaterThan(100);

    await sql.query(`CREATE TABLE IF NOT EXISTS stages (id text PRIMARY KEY, data jsonb NOT NULL, updated_at timestamptz)`);
    await sql.query(`INSERT INTO stages (id, data) VALUES ('999999', '{}')`);
    await syncToPostgres(setup.client(), { sql, anchorDate: EVERYTHING });
    expect(tableDiff(await storedKeys(sql), expectedKeys(setup.fake.dataset))).toEqual([]);
  });
});

// The `pg` path runs only against a real server; without DATABASE_URL it is covered by type-checking.
describe.skipIf(!process.env['DATABASE_URL'])('examples/postgres.ts with pg (DATABASE_URL)', () => {
  it('runs the same cycle on a real server, in a schema of its own', async () => {
    setup = await startFake({ seed: 55, counts: COUNTS });
    const schema = `pipedrive_extract_test_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Pool({ connectionString: process.env['DATABASE_URL'] });
    await admin.query(`CREATE SCHEMA ${schema}`);
    const pool = new pg.Pool({ connectionString: process.env['DATABASE_URL'], options: `-c search_path=${schema}` });
    closeDb = async () => {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    };
    await fullCycle(setup, fromPgPool(pool));
  });
});
