import { join } from 'node:path';
import type { SyncMode } from '../../incremental/messages.js';
import { JsonlFile } from './jsonl-file.js';

/**
 * How an output file starts: full-refresh streams replace their file when they end without error;
 * incremental streams append after a saved position, and start the file over without one.
 *
 * @example
 * openingFor('incremental', true); // 'append'
 */
export function openingFor(mode: SyncMode, hasPosition: boolean): 'append' | 'truncate' | 'replace' {
  if (mode === 'full-refresh') return 'replace';
  return hasPosition ? 'append' : 'truncate';
}

/**
 * The per-stream JSON Lines files of one run in `folder`: `<object>.jsonl`, one record per line, deletions
 * as `{"_deleted":true,"id":...}` lines in the same file (in the order they happened).
 *
 * @example
 * const files = new OutputFiles('./out', new Map([['deals', 'deals']]));
 * await files.start('deals', 'append');
 * await files.record('deals', { id: 1 });
 * await files.syncAll(); // before writing the state
 * await files.end('deals', true);
 */
export class OutputFiles {
  private readonly open = new Map<string, JsonlFile>();

  constructor(
    private readonly folder: string,
    /** Stream name to output base name. */
    private readonly objects: ReadonlyMap<string, string>,
  ) {}

  /** The path of a stream's file. */
  pathOf(stream: string): string {
    return join(this.folder, `${this.objects.get(stream) ?? stream}.jsonl`);
  }

  /** Opens a stream's file as `how` says (see {@link openingFor}). */
  async start(stream: string, how: 'append' | 'truncate' | 'replace'): Promise<void> {
    this.open.set(stream, await JsonlFile.open(this.pathOf(stream), how));
  }

  /** Writes one record line. */
  async record(stream: string, record: Record<string, unknown>): Promise<void> {
    await this.fileOf(stream).write(record);
  }

  /** Writes one deletion line: `{"_deleted":true,"id":...}`. */
  async delete(stream: string, id: string | number): Promise<void> {
    await this.fileOf(stream).write({ _deleted: true, id });
  }

  /**
   * Flushes and fsyncs every open file a checkpoint covers (incremental streams): what they hold is on disk.
   * Full-refresh files are made durable when they are committed, before their rename.
   */
  async syncAll(): Promise<void> {
    await Promise.all([...this.open.values()].filter((file) => file.how !== 'replace').map((file) => file.sync()));
  }

  /** Ends a stream: commits its file when it succeeded, discards a replacement when it failed. */
  async end(stream: string, ok: boolean): Promise<void> {
    const file = this.open.get(stream);
    if (!file) return;
    this.open.delete(stream);
    if (ok) await file.commit();
    else await file.discard();
  }

  /** Closes whatever is still open, as failed (replacements are dropped, appended lines kept). */
  async abortAll(): Promise<void> {
    const files = [...this.open.values()];
    this.open.clear();
    await Promise.all(files.map((file) => file.discard()));
  }

  private fileOf(stream: string): JsonlFile {
    const file = this.open.get(stream);
    if (!file) throw new Error(`No open output file for stream ${stream}.`);
    return file;
  }
}
