import type { Writer } from '../io.js';
import { errorText, formatCount, formatDuration } from './format.js';
import type { SyncReporter } from './reporter.js';
import type { RunStats } from './run-stats.js';
import { summaryTable } from './summary.js';

const PROGRESS_EVERY_MS = 10_000;
const RATE_LIMIT_EVERY_MS = 5_000;

/**
 * The reporter when stderr is not a terminal: plain, timestamped log lines on stderr (stream starts and
 * ends, retries, rate-limit waits grouped every 5 s, progress every 10 s, warnings), the summary table on stdout.
 *
 * @example
 * const reporter = logReporter({ stdout: process.stdout, stderr: process.stderr, stats });
 */
export function logReporter({ stdout, stderr, stats }: { stdout: Writer; stderr: Writer; stats: RunStats }): SyncReporter {
  const log = (text: string) => stderr.write(`[${formatDuration(stats.elapsedMs()).padStart(6)}] ${text}\n`);
  let lastProgress = Date.now();
  let lastRateLimit = 0;
  let pendingWaits = 0;
  let pendingWaitMs = 0;
  const maybeProgress = () => {
    if (Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = Date.now();
    const t = stats.totals();
    const running = [...stats.streams.values()].filter((s) => s.status === 'running').map((s) => `${s.name} ${formatCount(s.records)}`);
    log(`progress: ${formatCount(t.records)} records, ${formatCount(stats.requests)} requests (${stats.requestsPerSecond().toFixed(1)} req/s)${running.length ? `; running: ${running.join(', ')}` : ''}`);
  };
  const flushRateLimit = (force: boolean) => {
    if (pendingWaits === 0 || (!force && Date.now() - lastRateLimit < RATE_LIMIT_EVERY_MS)) return;
    log(`rate limit: held back ${pendingWaits} time${pendingWaits === 1 ? '' : 's'}, ${formatDuration(pendingWaitMs)} in all`);
    lastRateLimit = Date.now();
    pendingWaits = 0;
    pendingWaitMs = 0;
  };
  return {
    start(info) {
      const names = [...stats.streams.keys()];
      log(`sync of ${names.length} stream${names.length === 1 ? '' : 's'} into ${info.out}${info.stateFile ? ` (state: ${info.stateFile})` : ' (no --state: nothing is kept for the next run)'}`);
      if (info.target) log(`target ${info.target}: records go to JSON Lines files in ${info.out}`);
    },
    event(event, stream) {
      if (event.type === 'retry') log(`${stream ?? 'request'}: retry of ${event.method} ${event.path.split('?')[0]} (attempt ${event.attempt}, ${event.reason}) in ${formatDuration(event.delayMs)}`);
      if (event.type === 'rate_limit_wait') {
        pendingWaits += 1;
        pendingWaitMs += event.waitMs;
        flushRateLimit(false);
      }
      if (event.type === 'request') maybeProgress();
    },
    message(message) {
      if (message.type === 'stream_start') log(`${message.stream}: start (${message.mode}) -> ${stats.streams.get(message.stream)?.file ?? ''}`);
      if (message.type === 'stream_end') {
        const counts = `${formatCount(message.records)} records, ${formatCount(message.deletes)} deletes, ${formatCount(message.pages)} pages, ${formatCount(message.requests)} requests, ${formatCount(message.tokens)} tokens`;
        log(message.error ? `${message.stream}: FAILED after ${counts}: ${errorText(message.error)}` : `${message.stream}: done, ${counts}`);
      }
      if (message.type === 'warning') log(`warning${message.stream ? ` (${message.stream})` : ''}: ${message.message}`);
    },
    checkpoint() {
      maybeProgress();
    },
    warning: (message, stream) => log(`warning${stream ? ` (${stream})` : ''}: ${message}`),
    finish(summary) {
      flushRateLimit(true);
      stdout.write(summaryTable(summary));
    },
  };
}
