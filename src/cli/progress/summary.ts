import { errorText, formatCount, formatDuration, formatTable } from './format.js';
import type { RunStats, RunTotals, StreamStats } from './run-stats.js';

/**
 * The end of a run, as the summary table and the `--json` summary event show it.
 *
 * @example
 * const summary = buildSummary(stats, { exitCode: 0, out: './out' });
 */
export interface RunSummary {
  exitCode: number;
  durationMs: number;
  out: string;
  stateFile: string | null;
  streams: StreamStats[];
  totals: RunTotals;
  /** The error that stopped the whole run, if any. */
  error?: Error;
}

/**
 * Builds the summary of a run from its stats.
 *
 * @example
 * buildSummary(stats, { exitCode: 0, out: 'out', stateFile: 'state.json' });
 */
export function buildSummary(stats: RunStats, details: { exitCode: number; out: string; stateFile?: string; error?: Error }): RunSummary {
  return {
    exitCode: details.exitCode,
    durationMs: stats.elapsedMs(),
    out: details.out,
    stateFile: details.stateFile ?? null,
    streams: [...stats.streams.values()],
    totals: stats.totals(),
    ...(details.error ? { error: details.error } : {}),
  };
}

function duration(stream: StreamStats): string {
  if (stream.startedAt === undefined) return '-';
  return formatDuration((stream.endedAt ?? Date.now()) - stream.startedAt);
}

/**
 * The summary as a text table (one row per stream, a total row, failures, and one closing line).
 *
 * @example
 * process.stdout.write(summaryTable(summary));
 */
export function summaryTable(summary: RunSummary): string {
  const rows: string[][] = [['stream', 'mode', 'status', 'records', 'deletes', 'pages', 'requests', 'tokens', 'retries', 'time', 'file']];
  for (const s of summary.streams) {
    rows.push([s.name, s.mode, s.status === 'pending' ? 'not run' : s.status, formatCount(s.records), formatCount(s.deletes), formatCount(s.pages), formatCount(s.requests), formatCount(s.tokens), formatCount(s.retries), duration(s), s.file]);
  }
  const t = summary.totals;
  rows.push(['total', '', '', formatCount(t.records), formatCount(t.deletes), formatCount(t.pages), formatCount(t.requests), formatCount(t.tokens), formatCount(t.retries), formatDuration(summary.durationMs), '']);
  const table = formatTable(rows, ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left']);
  const failed = summary.streams.filter((s) => s.error);
  const failures = failed.map((s) => `  ${s.name}: ${errorText(s.error)}`).join('\n');
  const rate = summary.durationMs > 0 ? (t.requests * 1000) / summary.durationMs : 0;
  const done = summary.streams.filter((s) => s.status === 'done').length;
  const verdict = summary.exitCode === 0 ? 'Done' : summary.exitCode === 130 ? 'Interrupted' : 'Failed';
  const line =
    `${verdict} in ${formatDuration(summary.durationMs)}: ${done}/${summary.streams.length} streams, ${formatCount(t.records)} records, ${formatCount(t.deletes)} deletes, ` +
    `${formatCount(t.requests)} requests (${rate.toFixed(1)} req/s), ${formatCount(t.rateLimitWaits)} rate-limit waits (${formatDuration(t.rateLimitWaitMs)}), ${formatCount(t.retries)} retries. ` +
    `Output: ${summary.out}${summary.stateFile ? `; state: ${summary.stateFile}` : ''}.`;
  return `${table}\n${failed.length ? `Failed streams:\n${failures}\n` : ''}${line}\n`;
}
