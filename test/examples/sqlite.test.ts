import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSqliteState, openSqlite, syncToSqlite, SQLITE_STATE_TABLE } from '../../examples/sqlite.js';
import type { SyncState } from '../../src/index.js';
import { ALL_STREAMS, CHANGES, COUNTS, crashingSync, deletedDealKeys, EVERYTHING, expectConsistent, expectedKeys, startFake, tableDiff, type FakeSetup } from './helpers.js';

let setup: FakeSetup | undefined;
let db: Database.Database | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
  await setup?.close();
  setup = undefined;
});

function primaryKey(stream: string): string {
  return stream.endsWith('_fields') ? 'field_code' : 'id';
}

/** Stream to the keys stored in its table. */
function storedKeys(database: Database.Database): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const stream of ALL_STREAMS) {
    const exists = database.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(stream);
    if (!exists) continue;
    const rows = database.prepare(`SELECT "${primaryKey(stream)}" AS k FROM "${stream}"`).all() as { k: string }[];
    out.set(stream, new Set(rows.map((r) => r.k)));
  }
  return out;
}

function storedRecord(database: Database.Database, stream: string, key: string | number): Record<string, unknown> | undefined {
  const row = database.prepare(`SELECT data FROM "${stream}" WHERE "${primaryKey(stream)}" = ?`).get(String(key)) as { data: string } | undefined;
  return row ? (JSON.parse(row.data) as Record<string, unknown>) : undefined;
}

describe('examples/sqlite.ts', () => {
  it('stores every stream, then applies creates, updates, archives and deletes on the next run from the state row', async () => {
    setup = await startFake({ seed: 31, counts: COUNTS });
    const pd = setup.client();
    db = openSqlite(':memory:');
    const first = await syncToSqlite(pd, { database: db, anchorDate: EVERYTHING });
    expect(first.errors).toEqual([]);
    expect(tableDiff(storedKeys(db), expectedKeys(setup.fake.dataset))).toEqual([]);
    const firstState = loadSqliteState(db)!;
    expect(firstState.streams['deals']?.watermark).toBeDefined();
    // the table layout: key column, data as JSON text, updated_at from the record's change time
    const deal = setup.fake.dataset.records('deals').next().value!;
    const stored = db.prepare(`SELECT id, data, updated_at FROM deals WHERE id = ?`).get(String(deal['id'])) as { id: string; data: string; updated_at: string } | undefined;
    if (deal['is_deleted'] !== true) {
      expect(JSON.parse(stored!.data).title).toBe(deal['title']);
      expect(stored!.updated_at).toBe(new Date(String(deal['update_time'])).toISOString());
    }

    const changes = setup.fake.mutate(CHANGES);
    const second = await syncToSqlite(pd, { database: db });
    expect(second.errors).toEqual([]);
    expect(second.records).toBeLessThan(first.records / 2); // only what changed, and the full-refresh streams
    expect(tableDiff(storedKeys(db), expectedKeys(setup.fake.dataset))).toEqual([]);
    for (const [stream, ids] of Object.entries({ ...changes.updated, ...changes.created })) {
      for (const id of ids ?? []) {
        const now = setup.fake.dataset.get(stream as 'deals', id)!;
        if (now['is_deleted'] === true) continue;
        expect(storedRecord(db, stream, id)?.['update_time'], `${stream} ${id}`).toBe(now['update_time']);
      }
    }
    for (const id of changes.deleted.deals ?? []) expect(storedRecord(db, 'deals', id)).toBeUndefined();
    for (const id of changes.archived.deals ?? []) expect(storedRecord(db, 'deals', id)?.['is_archived']).toBe(true);
    for (const key of deletedDealKeys(setup.fake.dataset)) expect(storedRecord(db, 'deals', key)).toBeUndefined();
    const secondState = loadSqliteState(db)!;
    expect(Date.parse(secondState.streams['deals']!.watermark)).toBeGreaterThan(Date.parse(firstState.streams['deals']!.watermark));
    expect(Date.parse(secondState.streams['persons']!.watermark)).toBeGreaterThan(Date.parse(firstState.streams['persons']!.watermark));
  });

  it('keeps the state row and the records consistent after a crash between checkpoints, and resumes to a complete database', async () => {
    setup = await startFake({ seed: 32, counts: COUNTS });
    const pd = setup.client();
    const file = ':memory:';
    db = openSqlite(file);
    let records = 0;
    // crash in the middle of a page (pages of 50), after several checkpoints
    const log = crashingSync(pd, (message) => message.type === 'record' && ++records === 425);
    await expect(syncToSqlite(pd, { database: db, anchorDate: EVERYTHING, pageSize: 50 })).rejects.toThrow('simulated crash');

    const state = loadSqliteState(db)!;
    const checkpoints = log.messages.filter((m) => m.type === 'checkpoint').length;
    expect(checkpoints).toBeGreaterThan(2);
    // exactly what the last checkpoint covered is stored: its state, and the records delivered before it
    expect(state).toEqual(log.checkpoint(checkpoints));
    expect(tableDiff(storedKeys(db), log.keysUpToCheckpoint(checkpoints))).toEqual([]);
    // and no state that points past records that are not stored
    expect(expectConsistent(setup.fake.dataset, state, storedKeys(db))).toBeGreaterThan(100);

    const resumed = await syncToSqlite(setup.client(), { database: db, anchorDate: EVERYTHING, pageSize: 50 });
    expect(resumed.errors).toEqual([]);
    expect(tableDiff(storedKeys(db), expectedKeys(setup.fake.dataset))).toEqual([]);
  });

  it('rolls back records and state together when the transaction itself fails', async () => {
    setup = await startFake({ seed: 33, counts: COUNTS });
    const pd = setup.client();
    db = openSqlite(':memory:');
    // the third state write fails inside its transaction, after that batch's upserts ran
    let writes = 0;
    db.function('fail_third_state_write', () => {
      writes += 1;
      if (writes === 3) throw new Error('disk I/O error (simulated)');
      return 0;
    });
    // (an upsert fires BEFORE INSERT triggers whether or not the row exists)
    db.exec(`CREATE TRIGGER fail_state BEFORE INSERT ON ${SQLITE_STATE_TABLE} BEGIN SELECT fail_third_state_write(); END`);
    const log = crashingSync(pd, () => false);
    await expect(syncToSqlite(pd, { database: db, anchorDate: EVERYTHING, pageSize: 50, concurrency: 1 })).rejects.toThrow(/simulated/);

    expect(loadSqliteState(db)).toEqual(log.checkpoint(2));
    expect(tableDiff(storedKeys(db), log.keysUpToCheckpoint(2))).toEqual([]);

    db.exec('DROP TRIGGER fail_state');
    await syncToSqlite(setup.client(), { database: db, anchorDate: EVERYTHING });
    expect(tableDiff(storedKeys(db), expectedKeys(setup.fake.dataset))).toEqual([]);
  });

  it('never lets the state run ahead of its records when records are written early (small maxBuffer)', async () => {
    setup = await startFake({ seed: 34, counts: COUNTS });
    const pd = setup.client();
    db = openSqlite(':memory:');
    let records = 0;
    crashingSync(pd, (message) => message.type === 'record' && ++records === 610);
    await expect(syncToSqlite(pd, { database: db, anchorDate: EVERYTHING, pageSize: 50, maxBuffer: 7 })).rejects.toThrow('simulated crash');
    const state = loadSqliteState(db) as SyncState;
    expect(expectConsistent(setup.fake.dataset, state, storedKeys(db))).toBeGreaterThan(100);
    await syncToSqlite(setup.client(), { database: db, anchorDate: EVERYTHING });
    expect(tableDiff(storedKeys(db), expectedKeys(setup.fake.dataset))).toEqual([]);
  });

  it('removes rows of full-refresh streams that are no longer listed', async () => {
    setup = await startFake({ seed: 35, counts: COUNTS });
    db = openSqlite(':memory:');
    await syncToSqlite(setup.client(), { database: db, anchorDate: EVERYTHING, streams: { stages: {}, deal_fields: {} } });
    db.prepare(`INSERT INTO stages (id, data) VALUES ('999999', '{"id":999999}')`).run();
    db.prepare(`INSERT INTO deal_fields (field_code, data) VALUES ('gone', '{}')`).run();
    await syncToSqlite(setup.client(), { database: db, streams: { stages: {}, deal_fields: {} } });
    expect(tableDiff(storedKeys(db), expectedKeys(setup.fake.dataset, ['stages', 'deal_fields']))).toEqual([]);
  });

  it('opens a database file by name and resumes from it in a new connection', async () => {
    setup = await startFake({ seed: 36, counts: { deals: 120 } });
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'examples-sqlite-'));
    try {
      const file = join(dir, 'pipedrive.sqlite');
      await syncToSqlite(setup.client(), { database: file, anchorDate: EVERYTHING, streams: { deals: {} } });
        const { created } = setup.fake.mutate({ create: { deals: 2 } });
      const second = await syncToSqlite(setup.client(), { database: file, streams: { deals: {} } });
      expect(second.records).toBe(2);
      db = new Database(file);
      expect(storedKeys(db).get('deals')).toEqual(expectedKeys(setup.fake.dataset, ['deals']).get('deals'));
      expect(created.deals).toHaveLength(2);
    } finally {
      db?.close();
      db = undefined;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
