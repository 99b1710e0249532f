import { readFile } from 'node:fs/promises';
import { UsageError } from './usage-error.js';

const REASONS: Record<string, string> = {
  ENOENT: 'does not exist',
  EACCES: 'is not readable (permission denied)',
  EPERM: 'is not readable (permission denied)',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'is not under a directory',
};

/**
 * Reads a UTF-8 file; any failure is a {@link UsageError} that names the file and the reason.
 *
 * @example
 * const text = await readTextFile('replication.yaml', 'replication file');
 */
export async function readTextFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`The ${what} ${path} ${REASONS[code] ?? `cannot be read (${code || 'unknown error'})`}.`);
  }
}
