import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../../errors.js';
import { loadState, type SyncState } from '../../incremental/state.js';
import { UsageError } from '../usage-error.js';
import { writeFileAtomic } from './atomic-write.js';

/**
 * Reads `--state`: undefined when the file does not exist yet (a first run); a corrupt or unreadable file
 * is a {@link UsageError} (exit 2) and nothing runs. The folder must exist, so that checkpoints can be written.
 *
 * @example
 * const state = await readStateFile('state.json'); // SyncState | undefined
 */
export async function readStateFile(path: string): Promise<SyncState | undefined> {
  const folder = dirname(path);
  const folderInfo = await stat(folder).catch(() => undefined);
  if (!folderInfo?.isDirectory()) throw new UsageError(`The folder of the state file ${path} does not exist; create it first.`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'is not readable (permission denied)' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'unknown error'})`;
    throw new UsageError(`The state file ${path} ${reason}.`);
  }
  try {
    return loadState(text);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`The state file ${path}: ${error.message}`);
    throw error;
  }
}

/**
 * Writes the state atomically (temporary file, fsync, rename). Call it only once every record the
 * checkpoint covers is on disk.
 *
 * @example
 * await writeStateFile('state.json', message.state);
 */
export async function writeStateFile(path: string, state: SyncState): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
}
