import type { Writer } from '../io.js';
import { jsonReporter } from './json-reporter.js';
import { logReporter } from './log-reporter.js';
import type { SyncReporter } from './reporter.js';
import type { RunStats } from './run-stats.js';
import { ttyReporter } from './tty-reporter.js';

/**
 * Picks the reporter: `--json` events on stdout, the live display when stderr is a terminal, plain log lines otherwise.
 *
 * @example
 * const reporter = createReporter({ json: false, stdout: process.stdout, stderr: process.stderr, stats });
 */
export function createReporter({ json, stdout, stderr, stats }: { json: boolean; stdout: Writer; stderr: Writer; stats: RunStats }): SyncReporter {
  if (json) return jsonReporter(stdout);
  return stderr.isTTY ? ttyReporter({ stdout, stderr, stats }) : logReporter({ stdout, stderr, stats });
}
