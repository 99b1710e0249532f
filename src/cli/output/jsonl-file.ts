import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncFolder } from './atomic-write.js';

const FLUSH_BYTES = 256 * 1024;

const TAIL_CHUNK = 64 * 1024;

/**
 * Cuts a file after its last line break. A run killed inside a write (or a power cut) can leave half a
 * line at the end; appending to it would glue the next record onto it. What is cut always lies after the
 * last checkpoint (the state is written only after the lines it covers are on disk), so the next run sends
 * those records again.
 *
 * @example
 * const handle = await open('out/deals.jsonl', 'a+');
 * await cutTornTail(handle);
 */
export async function cutTornTail(handle: FileHandle): Promise<void> {
  const { size } = await handle.stat();
  let end = size;
  const chunk = Buffer.alloc(TAIL_CHUNK);
  while (end > 0) {
    const start = Math.max(0, end - TAIL_CHUNK);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (newline >= 0) {
      end = start + newline + 1;
      break;
    }
    end = start;
  }
  if (end < size) {
    await handle.truncate(end);
    await handle.sync();
  }
}

/**
 * One JSON Lines output file with a write buffer. `append` keeps what is there (incremental streams);
 * `replace` writes a hidden temporary file that `commit()` renames over the target, so a failed full
 * refresh leaves the previous file as it was; `truncate` starts the file over in place.
 *
 * @example
 * const file = await JsonlFile.open('out/deals.jsonl', 'append');
 * await file.write({ id: 1 });
 * await file.sync(); // on disk before the state that covers it is written
 * await file.commit();
 */
export class JsonlFile {
  private buffer: string[] = [];
  private bytes = 0;
  private dirty = false;

  private constructor(
    /** The final path. */
    readonly path: string,
    private readonly writePath: string,
    private readonly handle: FileHandle,
    /** How it was opened: only `append` and `truncate` files back a checkpoint; `replace` files become final at `commit()`. */
    readonly how: 'append' | 'truncate' | 'replace',
  ) {}

  /**
   * Opens `path` for `append`, `truncate` or `replace` (see the class).
   *
   * @example
   * await JsonlFile.open('out/stages.jsonl', 'replace');
   */
  static async open(path: string, how: 'append' | 'truncate' | 'replace'): Promise<JsonlFile> {
    const writePath = how === 'replace' ? join(dirname(path), `.${basename(path)}.tmp`) : path;
    const handle = await open(writePath, how === 'append' ? 'a+' : 'w');
    if (how === 'append') await cutTornTail(handle);
    return new JsonlFile(path, writePath, handle, how);
  }

  /** Adds one line; the buffer goes to the file once it is large. */
  async write(value: unknown): Promise<void> {
    const line = `${JSON.stringify(value)}\n`;
    this.buffer.push(line);
    this.bytes += line.length;
    this.dirty = true;
    if (this.bytes >= FLUSH_BYTES) await this.flush();
  }

  /** Writes the buffer to the file (not yet durable). */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.bytes = 0;
    await this.handle.write(chunk, null, 'utf8');
  }

  /** Flushes and fsyncs: every line written so far is on disk. Does nothing when nothing changed. */
  async sync(): Promise<void> {
    if (!this.dirty) return;
    await this.flush();
    await this.handle.sync();
    this.dirty = false;
  }

  /** Makes the file final: fsync, close, and for `replace` the rename over the target. */
  async commit(): Promise<void> {
    this.dirty = true;
    await this.sync();
    await this.handle.close();
    if (this.writePath !== this.path) {
      await rename(this.writePath, this.path);
      await syncFolder(dirname(this.path));
    }
  }

  /** Gives up: `replace` files are deleted (the target stays as it was); others are flushed, fsynced and kept. */
  async discard(): Promise<void> {
    if (this.writePath !== this.path) {
      await this.handle.close().catch(() => undefined);
      await unlink(this.writePath).catch(() => undefined);
      return;
    }
    await this.sync().catch(() => undefined);
    await this.handle.close().catch(() => undefined);
  }
}
