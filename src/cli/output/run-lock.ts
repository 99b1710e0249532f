import { open, readFile, rm } from 'node:fs/promises';
import { UsageError } from '../usage-error.js';

/**
 * A lock held by one `sync` run over its output folder or state file, released when the run ends.
 *
 * @example
 * const lock = await acquireRunLock(['data/.pipedrive-extract.lock']);
 * try { ... } finally { await lock.release(); }
 */
export interface RunLock {
  /** Removes the lock files this run created. Safe to call twice. */
  release(): Promise<void>;
}

/** Whether a process with this id is running (a lock left by a killed run is stale). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holderOf(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function lockOne(path: string, display: (path: string) => string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = await holderOf(path);
    if (pid !== undefined && pid !== process.pid && isRunning(pid)) {
      throw new UsageError(
        `Another sync (process ${pid}) is writing to the same output or state file (lock ${display(path)}). Wait for it to finish, or use another --out and --state; if no sync is running, delete ${display(path)}.`,
      );
    }
    // Left by a run that was killed: take it over.
    await rm(path, { force: true });
  }
  throw new UsageError(`Could not take the lock ${display(path)}: another sync started at the same moment. Run the command again.`);
}

/**
 * Takes one lock file per path (created exclusively, holding the process id), so that two `sync` runs never
 * append to the same files or overwrite each other's state. A lock whose process is gone (a run killed with
 * SIGKILL) is taken over; a live one is a {@link UsageError} (exit 2) naming the process.
 *
 * @example
 * const lock = await acquireRunLock([join(out, '.pipedrive-extract.lock'), `${statePath}.lock`]);
 */
export async function acquireRunLock(paths: readonly string[], display: (path: string) => string = (path) => path): Promise<RunLock> {
  const held: string[] = [];
  const release = async () => {
    for (const path of held.splice(0)) await rm(path, { force: true });
  };
  try {
    for (const path of [...new Set(paths)]) {
      await lockOne(path, display);
      held.push(path);
    }
  } catch (error) {
    await release();
    throw error;
  }
  return { release };
}
