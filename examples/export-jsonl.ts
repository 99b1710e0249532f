/**
 * Incremental export to JSON Lines: one file per stream, plus a state file.
 *
 *   npx tsx examples/export-jsonl.ts [dir]                                    # against the built-in fake
 *   PIPEDRIVE_API_TOKEN=... PIPEDRIVE_DOMAIN=mycompany npx tsx examples/export-jsonl.ts ./export
 *
 * Each line is one change, in the order the sync delivered it:
 *
 *   {"op":"upsert","key":"17","record":{...the deal...}}
 *   {"op":"delete","key":"17"}
 *
 * Incremental streams (deals, persons, notes, ...) APPEND to `<stream>.jsonl`: the file is a change log, and
 * the current table is its replay (the last line per key wins; see `readJsonlTable`). Full-refresh streams
 * (stages, users, the field catalogs, ...) are written whole to `<stream>.jsonl.partial` and renamed over
 * `<stream>.jsonl` when the stream ends cleanly, so the file is always a complete snapshot and rows gone
 * from Pipedrive disappear with it.
 *
 * The rule that makes it resumable: at each `checkpoint`, first flush and fsync every line written so far,
 * THEN replace `state.json` atomically (write a temporary file, fsync, rename). A crash at any moment leaves a
 * state that never points past lines that are not on disk; the next run starts from that state and at worst
 * writes some lines again, which the replay absorbs (delivery is at least once, by primary key).
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Pipedrive, SyncMode, SyncOptions, SyncState } from '../src/index.js';
import { connect, countMessage, emptySummary, keyOf, runIfMain, type SyncSummary } from './shared.js';

/**
 * Options of {@link exportJsonl}: the output directory, plus any sync option (streams, anchorDate, pageSize, signal, ...).
 *
 * @example
 * await exportJsonl(pd, { dir: './export', anchorDate: '2020-01-01', streams: { deals: {}, persons: {} } });
 */
export interface ExportJsonlOptions extends Omit<SyncOptions, 'state'> {
  /** Where `<stream>.jsonl` and `state.json` go; created when missing. */
  dir: string;
  /** Progress and warnings. @default nothing is printed */
  log?: (line: string) => void;
}

/**
 * What {@link exportJsonl} did: the counts of the run and the state it saved last.
 *
 * @example
 * const { records, state } = await exportJsonl(pd, { dir: './export' });
 */
export interface ExportJsonlSummary extends SyncSummary {
  /** The state in `state.json` after the run (undefined when no checkpoint came). */
  state: SyncState | undefined;
}

/**
 * One line of a `<stream>.jsonl` file.
 *
 * @example
 * const line: JsonlLine = { op: 'delete', key: '17' };
 */
export type JsonlLine = { op: 'upsert'; key: string; record: Record<string, unknown> } | { op: 'delete'; key: string };

/** Lines are written in chunks of about this many characters, and always at a checkpoint. */
const CHUNK = 1 << 20;

/**
 * Syncs into `dir`: appends each stream's changes to `<stream>.jsonl` and keeps `state.json`, so the next
 * call goes on where this one stopped.
 *
 * @example
 * const pd = new Pipedrive({ apiToken: process.env.PIPEDRIVE_API_TOKEN!, domain: 'mycompany' });
 * const summary = await exportJsonl(pd, { dir: './export', anchorDate: '2020-01-01' });
 * console.log(`${summary.records} records, ${summary.deletes} deletes`);
 */
export async function exportJsonl(pd: Pipedrive, options: ExportJsonlOptions): Promise<ExportJsonlSummary> {
  const { dir, log = () => {}, ...syncOptions } = options;
  await mkdir(dir, { recursive: true });
  const statePath = join(dir, 'state.json');
  // The state of the last run, as JSON text (sync() checks it and refuses a corrupt one).
  const saved = await readFile(statePath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  log(saved ? `resuming from ${statePath}` : 'no state yet: reading everything since anchorDate');

  const summary: ExportJsonlSummary = { ...emptySummary(), state: undefined };
  const writers = new Map<string, StreamFile>();
  try {
    for await (const msg of pd.sync({ ...syncOptions, state: saved ?? null })) {
      countMessage(summary, msg, log);
      switch (msg.type) {
        case 'stream_start':
          writers.set(msg.stream, await StreamFile.open(dir, msg.stream, msg.mode));
          break;
        case 'record':
          await writers.get(msg.stream)!.write({ op: 'upsert', key: keyOf(msg.stream, msg.record), record: msg.record });
          break;
        case 'delete':
          await writers.get(msg.stream)!.write({ op: 'delete', key: String(msg.id) });
          break;
        case 'checkpoint':
          // 1. every line delivered before this checkpoint reaches the disk...
          for (const writer of writers.values()) await writer.flush();
          // 2. ...and only then the state that says they were delivered.
          await writeFileAtomic(statePath, `${JSON.stringify(msg.state, null, 2)}\n`);
          summary.state = msg.state;
          summary.checkpoints += 1;
          break;
        case 'stream_end': {
          const writer = writers.get(msg.stream)!;
          writers.delete(msg.stream);
          await writer.finish(!msg.error);
          log(`${msg.stream}: ${msg.records} records, ${msg.deletes} deletes${msg.error ? ` (failed: ${msg.error.message})` : ''}`);
          break;
        }
        default:
          break;
      }
    }
  } finally {
    // Reached after a normal end only for streams that never ended (there are none); after an error, this
    // closes the files WITHOUT flushing: like a crash, lines after the last checkpoint may be lost, and
    // state.json still points before them.
    for (const writer of writers.values()) await writer.abandon();
  }
  return summary;
}

/**
 * Replays a `<stream>.jsonl` file into the current table: key to record, the last line per key winning,
 * deletes removing. A torn last line (a crash in the middle of a write) is ignored.
 *
 * @example
 * const deals = await readJsonlTable('./export/deals.jsonl');
 * console.log(deals.size, deals.get('17')?.['title']);
 */
export async function readJsonlTable(file: string): Promise<Map<string, Record<string, unknown>>> {
  const table = new Map<string, Record<string, unknown>>();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let torn: string | undefined;
  for await (const text of lines) {
    if (torn !== undefined) throw new Error(`${file}: a line that is not JSON is followed by more lines: ${torn.slice(0, 80)}`);
    if (text === '') continue;
    let line: JsonlLine;
    try {
      line = JSON.parse(text) as JsonlLine;
    } catch {
      torn = text; // fine only if it is the last line
      continue;
    }
    if (line.op === 'upsert') table.set(line.key, line.record);
    else table.delete(line.key);
  }
  return table;
}

/**
 * Replaces `path` with `text` so that a reader (or the next run after a crash) sees the old file or the new
 * one, never half of one: write a temporary file next to it, fsync it, rename it over `path`, fsync the directory.
 *
 * @example
 * await writeFileAtomic('./export/state.json', JSON.stringify(state));
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  await syncDirectory(dirname(path));
}

/** Makes a rename durable (a no-op where directories cannot be opened, e.g. on Windows). */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // some file systems refuse fsync on a directory; the rename is still atomic
  } finally {
    await handle.close();
  }
}

/**
 * One stream's output file. Incremental streams append to `<stream>.jsonl`; full-refresh streams write
 * `<stream>.jsonl.partial`, renamed over `<stream>.jsonl` when the stream ends without an error.
 */
class StreamFile {
  private pending: string[] = [];
  private pendingLength = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
    private readonly partialPath: string | undefined,
  ) {}

  static async open(dir: string, stream: string, mode: SyncMode): Promise<StreamFile> {
    const path = join(dir, `${stream}.jsonl`);
    if (mode === 'full-refresh') {
      const partialPath = `${path}.partial`;
      return new StreamFile(await open(partialPath, 'w'), path, partialPath);
    }
    const handle = await open(path, 'a+');
    await trimTornTail(handle);
    return new StreamFile(handle, path, undefined);
  }

  async write(line: JsonlLine): Promise<void> {
    const text = `${JSON.stringify(line)}\n`;
    this.pending.push(text);
    this.pendingLength += text.length;
    // Writing lines before their checkpoint is harmless (the state does not cover them yet); holding them
    // all would not be: a first run of a large account would keep every record in memory.
    if (this.pendingLength >= CHUNK) await this.writePending();
  }

  /** Writes what is pending and fsyncs: afterwards the lines survive a crash or a power cut. */
  async flush(): Promise<void> {
    await this.writePending();
    await this.handle.sync();
  }

  /** The stream ended: a clean full refresh replaces the old snapshot; a failed one is thrown away. */
  async finish(ok: boolean): Promise<void> {
    if (ok || !this.partialPath) await this.flush();
    await this.handle.close();
    if (!this.partialPath) return;
    if (ok) {
      await rename(this.partialPath, this.path);
      await syncDirectory(dirname(this.path));
    } else {
      await rm(this.partialPath, { force: true });
    }
  }

  /** Closes without flushing, as a crash would leave things. */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => {});
    if (this.partialPath) await rm(this.partialPath, { force: true });
  }

  private async writePending(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingLength = 0;
    await this.handle.write(text);
  }
}

/**
 * Cuts a half-written last line (left by a crash in the middle of a write), so that the next line appended
 * starts on a line of its own.
 */
async function trimTornTail(handle: FileHandle): Promise<void> {
  const { size } = await handle.stat();
  const buffer = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - buffer.length);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    const newline = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (newline >= 0) {
      const keep = start + newline + 1;
      if (keep < size) await handle.truncate(keep);
      return;
    }
    end = start;
  }
  if (size > 0) await handle.truncate(0); // one torn line and nothing else
}

async function main(): Promise<void> {
  const connection = await connect();
  const { pd, fake, source } = connection;
  try {
    const dir = process.argv[2] ?? (fake ? await mkdtemp(join(tmpdir(), 'pipedrive-jsonl-')) : './pipedrive-export');
    console.log(`exporting ${source} to ${dir}`);
    const first = await exportJsonl(pd, { dir, anchorDate: '2000-01-01', log: console.log });
    console.log(`run 1: ${first.records} records, ${first.deletes} deletes, ${first.checkpoints} checkpoints`);
    if (fake) {
      // Change some data, as users of the account would, then run again: only the changes are read.
      fake.mutate({ create: { deals: 3 }, update: { deals: 5, persons: 2 }, delete: { deals: 1 } });
      const second = await exportJsonl(pd, { dir, anchorDate: '2000-01-01' });
      console.log(`run 2: ${second.records} records, ${second.deletes} deletes (only what changed)`);
    }
    const deals = await readJsonlTable(join(dir, 'deals.jsonl'));
    console.log(`deals.jsonl replays to ${deals.size} deals; state in ${join(dir, 'state.json')}`);
  } finally {
    await connection.close();
  }
}

runIfMain(import.meta.url, main);
