import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SyncMessage } from '../../incremental/messages.js';
import type { SyncOptions } from '../../incremental/sync.js';
import { ConfigError } from '../../errors.js';
import { createClient } from '../create-client.js';
import { UsageError } from '../usage-error.js';
import { ExitCode, exitCodeFor, errorLine } from '../exit-codes.js';
import type { CommandIO } from '../io.js';
import { OutputFiles, openingFor } from '../output/output-files.js';
import { acquireRunLock } from '../output/run-lock.js';
import { writeStateFile } from '../output/state-file.js';
import { createReporter } from '../progress/create-reporter.js';
import { RunStats } from '../progress/run-stats.js';
import { buildSummary, type RunSummary } from '../progress/summary.js';
import type { SyncConfig } from './sync-config.js';

/**
 * What a sync run returns: its exit code and summary (the demo prints from it).
 *
 * @example
 * const { exitCode, summary } = await runSyncToFiles(config, io);
 */
export interface SyncRunResult {
  exitCode: number;
  summary: RunSummary;
}

/**
 * The lock file a running `sync` keeps in its output folder (and, as `<state>.lock`, beside its state file).
 *
 * @example
 * join(out, LOCK_FILE); // data/.pipedrive-extract.lock
 */
export const LOCK_FILE = '.pipedrive-extract.lock';

/** A sync option error in the words of the command line. */
function inFlagTerms(message: string): string {
  return message.replace(/\banchorDate\b/g, '--anchor-date').replace(/\bconcurrency\b/g, '--concurrency');
}

function exitCodeOfRun(thrown: unknown, failed: readonly Error[], interrupted: boolean): number {
  if (interrupted) return ExitCode.interrupted;
  if (thrown !== undefined) return exitCodeFor(thrown);
  if (failed.length === 0) return ExitCode.ok;
  const codes = failed.map((error) => exitCodeFor(error)).filter((code) => code !== ExitCode.usage);
  return codes.find((code) => code !== ExitCode.failure) ?? ExitCode.failure;
}

/**
 * Runs `pd.sync()` into JSON Lines files: one file per stream, records and `{"_deleted":true,"id":...}`
 * lines in message order; at each checkpoint every open file is flushed and fsynced, and only then is the
 * state written atomically. Options are checked by `pd.sync()` before the output folder is touched.
 *
 * @example
 * const { exitCode } = await runSyncToFiles(await resolveSyncConfig(flags, io), io);
 */
export async function runSyncToFiles(config: SyncConfig, io: CommandIO): Promise<SyncRunResult> {
  const { plan, display } = config;
  const files = new OutputFiles(config.out, new Map(plan.map((p) => [p.name, p.object])));
  const stats = new RunStats(plan.map((p) => ({ name: p.name, mode: p.mode, file: display(files.pathOf(p.name)) })));
  const reporter = createReporter({ json: config.json, stdout: io.stdout, stderr: io.stderr, stats });
  const pd = createClient(config.credentials, {
    ...config.client,
    onEvent: (event) => reporter.event(event, stats.onEvent(event)),
  });
  const stop = new AbortController();
  const onAbort = () => stop.abort(io.signal?.reason);
  const options: SyncOptions = {
    streams: Object.fromEntries(plan.map((p) => [p.name, { mode: p.mode }])),
    signal: stop.signal,
    ...(config.state ? { state: config.state } : {}),
    ...(config.anchorDate !== undefined ? { anchorDate: config.anchorDate } : {}),
    ...(config.concurrency !== undefined ? { concurrency: config.concurrency } : {}),
    ...(config.customFields !== undefined ? { customFields: config.customFields } : {}),
  };
  // pd.sync() checks every option now (unknown stream, bad date, corrupt state): nothing is written before.
  let messages: AsyncGenerator<SyncMessage>;
  try {
    messages = pd.sync(options);
  } catch (error) {
    throw error instanceof ConfigError ? new UsageError(inFlagTerms(error.message)) : error;
  }
  await mkdir(config.out, { recursive: true });
  const lock = await acquireRunLock([join(config.out, LOCK_FILE), ...(config.statePath !== undefined ? [`${config.statePath}.lock`] : [])], display);
  io.signal?.addEventListener('abort', onAbort, { once: true });
  if (io.signal?.aborted) onAbort();
  const stateFile = config.statePath === undefined ? undefined : display(config.statePath);
  reporter.start({ out: display(config.out), ...(stateFile ? { stateFile } : {}), ...(config.replication?.target ? { target: config.replication.target } : {}) });
  for (const key of config.replication?.ignored ?? []) reporter.warning(`${display(config.replication!.path)}: ${key} has no effect in pipedrive-extract (ignored).`);
  const failed: Error[] = [];
  let thrown: unknown;
  const handle = async (message: SyncMessage) => {
    stats.onMessage(message);
    switch (message.type) {
      case 'record':
        await files.record(message.stream, message.record);
        return;
      case 'delete':
        await files.delete(message.stream, message.id);
        return;
      case 'stream_start': {
        const how = openingFor(message.mode, config.state?.streams[message.stream] !== undefined);
        if (how === 'append' && !(await stat(files.pathOf(message.stream)).catch(() => undefined))) {
          reporter.warning(`${display(files.pathOf(message.stream))} does not exist, but the state has a position for ${message.stream}: the new file holds only the changes since then. Start without the state to write the whole stream.`, message.stream);
        }
        await files.start(message.stream, how);
        break;
      }
      case 'checkpoint':
        await files.syncAll();
        if (config.statePath !== undefined) await writeStateFile(config.statePath, message.state);
        reporter.checkpoint(message.state, stateFile);
        return;
      case 'stream_end':
        await files.end(message.stream, message.error === undefined);
        if (message.error) failed.push(message.error);
        break;
      default:
        break;
    }
    reporter.message(message);
  };
  try {
    for await (const message of messages) await handle(message);
  } catch (error) {
    thrown = error;
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
    await files.abortAll();
    await lock.release();
  }
  const interrupted = io.signal?.aborted === true;
  const exitCode = exitCodeOfRun(thrown, failed, interrupted);
  const summary = buildSummary(stats, {
    exitCode,
    out: display(config.out),
    ...(stateFile ? { stateFile } : {}),
    ...(thrown instanceof Error ? { error: thrown } : {}),
  });
  reporter.finish(summary);
  if (thrown !== undefined && !interrupted) io.stderr.write(errorLine(thrown));
  else if (interrupted) io.stderr.write(errorLine('Interrupted: stopped after the last checkpoint; run the same command again to go on.'));
  else if (failed.length > 0) io.stderr.write(errorLine(`${failed.length} stream${failed.length === 1 ? '' : 's'} failed (see the summary): ${failed[0]!.message}`));
  return { exitCode, summary };
}
