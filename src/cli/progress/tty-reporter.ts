import type { Writer } from '../io.js';
import { errorText, formatCount, formatDuration } from './format.js';
import type { SyncReporter } from './reporter.js';
import type { RunStats, StreamStats } from './run-stats.js';
import { summaryTable } from './summary.js';

const FRAME_MS = 100;
const SPINNER = ['|', '/', '-', '\\'];
const ESC = '\x1b[';

function streamLine(s: StreamStats, frame: number, width: number): string {
  const mark = s.status === 'done' ? 'ok' : s.status === 'failed' ? '!!' : s.status === 'running' ? ` ${SPINNER[frame % SPINNER.length]}` : ' .';
  const time = s.startedAt === undefined ? '' : formatDuration((s.endedAt ?? Date.now()) - s.startedAt);
  const text =
    s.status === 'pending'
      ? `${mark} ${s.name.padEnd(20)} ${s.mode.padEnd(12)} waiting`
      : `${mark} ${s.name.padEnd(20)} ${s.mode.padEnd(12)} ${formatCount(s.records).padStart(9)} records ${formatCount(s.deletes).padStart(5)} del ${formatCount(s.pages).padStart(5)} pages ${formatCount(s.requests).padStart(5)} req ${formatCount(s.retries).padStart(3)} retries ${time.padStart(7)}` +
        (s.error ? `  ${errorText(s.error)}` : '');
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** One line per stream, or, when the terminal is too short for that, the running and failed ones and a count of the rest. */
function streamLines(stats: RunStats, frame: number, width: number, room: number): string[] {
  const all = [...stats.streams.values()];
  if (all.length <= room) return all.map((s) => streamLine(s, frame, width));
  const shown = all.filter((s) => s.status === 'running' || s.status === 'failed').slice(0, Math.max(1, room - 1));
  const done = all.filter((s) => s.status === 'done').length;
  const waiting = all.filter((s) => s.status === 'pending').length;
  return [...shown.map((s) => streamLine(s, frame, width)), `   ${done} done, ${waiting} waiting`];
}

/**
 * The reporter on a terminal: a live display on stderr (one line per stream with records, pages, requests
 * and retries; a header with requests/s, rate-limit waits and retries), redrawn ten times a second with
 * plain ANSI escapes, then the summary table on stdout.
 *
 * @example
 * const reporter = ttyReporter({ stdout: process.stdout, stderr: process.stderr, stats });
 */
export function ttyReporter({ stdout, stderr, stats }: { stdout: Writer; stderr: Writer; stats: RunStats }): SyncReporter {
  let drawn = 0;
  let frame = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let out = '';
  const notes: string[] = [];
  const render = () => {
    frame += 1;
    const width = Math.max(40, (stderr.columns ?? 120) - 1);
    const t = stats.totals();
    const header =
      `sync ${formatDuration(stats.elapsedMs())}  ${stats.requestsPerSecond().toFixed(1)} req/s  ${formatCount(stats.requests)} requests  ` +
      `rate-limit waits ${formatCount(t.rateLimitWaits)} (${formatDuration(t.rateLimitWaitMs)})  retries ${formatCount(t.retries)}  checkpoints ${formatCount(t.checkpoints)}  -> ${out}`;
    const lines = [header.length > width ? header.slice(0, width) : header, ...streamLines(stats, frame, width, (stderr.rows ?? 50) - 2)];
    while (lines.length < drawn) lines.push(''); // clear what a longer frame left below
    let text = drawn > 0 ? `${ESC}${drawn}F` : '';
    for (const note of notes.splice(0)) text += `${ESC}2K${note.length > width ? note.slice(0, width) : note}\n`;
    for (const line of lines) text += `${ESC}2K${line}\n`;
    stderr.write(text);
    drawn = lines.length;
  };
  return {
    start(info) {
      out = info.out;
      stderr.write(`${ESC}?25l`);
      if (info.target) notes.push(`target ${info.target}: records go to JSON Lines files in ${info.out}`);
      render();
      timer = setInterval(render, FRAME_MS);
      timer.unref?.();
    },
    event() {},
    message(message) {
      if (message.type === 'warning') notes.push(`warning${message.stream ? ` (${message.stream})` : ''}: ${message.message}`);
    },
    checkpoint() {},
    warning: (message, stream) => {
      notes.push(`warning${stream ? ` (${stream})` : ''}: ${message}`);
    },
    finish(summary) {
      if (timer) clearInterval(timer);
      if (drawn > 0 || notes.length > 0) render();
      stderr.write(`${ESC}?25h`);
      stdout.write(summaryTable(summary));
    },
  };
}
