import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SyncMessage } from '../../src/index.js';
import { timestampMs } from '../../src/schemas/timestamp-ms.js';
import { streamNames, streamTable, type StreamName } from '../../src/streams/table.js';
import type { Dataset } from '../../src/testing/index.js';

/** Before the oldest record of any generated dataset. */
export const EVERYTHING = '2000-01-01';

/** The cursor value of a record as the version part of its key (`''` for streams without one). */
export function versionOf(stream: string, record: Record<string, unknown>): string {
  const spec = streamTable[stream as StreamName];
  return 'cursorField' in spec ? String(record[spec.cursorField] ?? '') : '';
}

/** `stream:id` of a record. */
export function idKey(stream: string, record: Record<string, unknown>): string {
  return `${stream}:${String(record[streamTable[stream as StreamName].primaryKey])}`;
}

/**
 * What the API serves of a dataset right now, as `stream:id` -> version (the cursor field), and the ids of
 * deals deleted within the last 30 days (the `delete` messages a first run must carry).
 */
export function servedVersions(dataset: Dataset, streams: readonly StreamName[] = streamNames): { records: Map<string, string>; deletes: Set<string> } {
  const records = new Map<string, string>();
  const deletes = new Set<string>();
  for (const stream of streams) {
    for (const record of dataset.records(stream)) {
      // v1 notes and files mark deleted rows with active_flag: false, and the lists leave them out
      const v1Deleted = (stream === 'notes' || stream === 'files') && record['active_flag'] === false;
      if (record['is_deleted'] === true || v1Deleted) {
        if (stream === 'deals') deletes.add(idKey(stream, record));
        continue;
      }
      records.set(idKey(stream, record), versionOf(stream, record));
    }
  }
  return { records, deletes };
}

/** What a caller stores from runs: upserts by key (with the version), removals, and repeats counted. */
export class Store {
  readonly records = new Map<string, string>();
  /** `stream:id:version` delivered in the current run. */
  private readonly runSeen = new Set<string>();
  /** `stream:id:version` of incremental streams delivered by an earlier run, with the start of the last such run. */
  private readonly earlier = new Map<string, number>();
  private runStartedMs = 0;
  /** Record messages whose `stream:id:version` had already come in the same run. */
  duplicates = 0;
  /** Record messages of incremental streams whose `stream:id:version` an earlier run had delivered. */
  redelivered = 0;
  /**
   * Re-deliveries not explained by the documented rule (the second a run started in is read again by the
   * next run): the version changed before the second in which the earlier run started.
   */
  unexplained: string[] = [];
  /** Record messages. */
  received = 0;
  deletes = 0;
  /** `stream:id` of every delete message. */
  readonly deleted = new Set<string>();

  apply(message: SyncMessage): void {
    if (message.type === 'record') {
      const key = idKey(message.stream, message.record);
      const version = versionOf(message.stream, message.record);
      const full = `${key}:${version}`;
      this.received += 1;
      if (this.runSeen.has(full)) this.duplicates += 1;
      else if (this.earlier.has(full)) {
        this.redelivered += 1;
        const changed = Math.floor(timestampMs(version) / 1000);
        if (changed < Math.floor(this.earlier.get(full)! / 1000)) this.unexplained.push(full);
      }
      this.runSeen.add(full);
      this.records.set(key, version);
    } else if (message.type === 'delete') {
      this.deletes += 1;
      this.deleted.add(`${message.stream}:${String(message.id)}`);
      this.records.delete(`${message.stream}:${String(message.id)}`);
    }
  }

  /** A new run begins (`startedMs`: just before `sync()` is called): what came so far counts as earlier. */
  nextRun(startedMs = Date.now()): void {
    for (const full of this.runSeen) {
      if ('incremental' in streamTable[full.slice(0, full.indexOf(':')) as StreamName]) this.earlier.set(full, this.runStartedMs);
    }
    this.runSeen.clear();
    this.runStartedMs = startedMs;
  }
}

/** Keys of `want` the store lacks or holds at another version: the records lost. */
export function lostRecords(store: Map<string, string>, want: Map<string, string>): string[] {
  const lost: string[] = [];
  for (const [key, version] of want) if (store.get(key) !== version) lost.push(`${key}@${version} (got ${store.get(key) ?? 'nothing'})`);
  return lost;
}

/** Keys the store holds that the API no longer serves. */
export function extraRecords(store: Map<string, string>, want: Map<string, string>): string[] {
  return [...store.keys()].filter((key) => !want.has(key));
}

/** A seeded pseudo-random generator (LCG), so every soak run is reproducible. */
export function seeded(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A `fetch` that, with probability `rate`, holds a response back for `spikeMs` after the server answered
 * (a latency spike on the way back): the request reached the server, the client's timeout fires first.
 */
export function spikyFetch(rate: number, spikeMs: () => number, random: () => number): { fetch: typeof globalThis.fetch; spikes: () => number } {
  let spikes = 0;
  const spiky: typeof globalThis.fetch = async (input, init) => {
    const response = await globalThis.fetch(input, init);
    if (random() >= rate) return response;
    spikes += 1;
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, spikeMs());
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          void response.body?.cancel().catch(() => undefined);
          reject(signal.reason);
        },
        { once: true },
      );
    });
    return response;
  };
  return { fetch: spiky, spikes: () => spikes };
}

/** Where the reliability tests leave their figures (`RELIABILITY_SUMMARY` overrides). */
export function summaryPath(): string {
  return process.env['RELIABILITY_SUMMARY'] ?? join(tmpdir(), 'pipedrive-extract-reliability.json');
}

/** Merges `figures` under `section` into the JSON summary file. */
export function writeSummary(section: string, figures: Record<string, unknown>): void {
  const path = summaryPath();
  let current: Record<string, unknown> = {};
  try {
    current = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    // first section
  }
  current[section] = { ...figures, writtenAt: new Date().toISOString() };
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, `${JSON.stringify(current, null, 2)}\n`);
}
