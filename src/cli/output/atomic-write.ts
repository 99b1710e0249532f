import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Makes a rename inside `folder` durable (fsync of the directory); ignored where the platform cannot.
 *
 * @example
 * await syncFolder('./out');
 */
export async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // some platforms and file systems cannot fsync a directory
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Replaces `path` atomically: writes a temporary file in the same folder, fsyncs it, renames it over
 * `path`, then fsyncs the folder. Readers see the old content or the new one, never a mix.
 *
 * @example
 * await writeFileAtomic('state.json', JSON.stringify(state));
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.tmp`);
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
  await syncFolder(folder);
}
