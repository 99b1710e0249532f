import type { Writer } from '../io.js';
import type { SyncReporter } from './reporter.js';
import { watermarks } from './reporter.js';
import type { RunSummary } from './summary.js';

/**
 * An error as a plain, secret-free object.
 *
 * @example
 * errorJson(new Error('boom')); // { name: 'Error', code: 'error', message: 'boom' }
 */
export function errorJson(error: unknown): { name: string; code: string; message: string } {
  if (!(error instanceof Error)) return { name: 'Error', code: 'error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, code: typeof code === 'string' ? code : 'error', message: error.message };
}

/**
 * The `--json` reporter: one JSON object per line on stdout, nothing else.
 *
 * @example
 * const reporter = jsonReporter(process.stdout);
 */
export function jsonReporter(stdout: Writer): SyncReporter & { line(value: Record<string, unknown>): void } {
  const line = (value: Record<string, unknown>) => stdout.write(`${JSON.stringify({ ...value, time: new Date().toISOString() })}\n`);
  const summaryJson = (summary: RunSummary) => ({
    type: 'summary',
    exitCode: summary.exitCode,
    ok: summary.exitCode === 0,
    durationMs: summary.durationMs,
    out: summary.out,
    stateFile: summary.stateFile,
    totals: summary.totals,
    streams: summary.streams.map((s) => ({
      stream: s.name,
      mode: s.mode,
      status: s.status,
      file: s.file,
      records: s.records,
      deletes: s.deletes,
      pages: s.pages,
      requests: s.requests,
      tokens: s.tokens,
      retries: s.retries,
      ...(s.error ? { error: errorJson(s.error) } : {}),
    })),
    ...(summary.error ? { error: errorJson(summary.error) } : {}),
  });
  return {
    line,
    start: (info) => line({ type: 'run_start', out: info.out, stateFile: info.stateFile ?? null, target: info.target ?? null }),
    event(event, stream) {
      if (event.type === 'retry') line({ type: 'retry', stream: stream ?? null, method: event.method, path: event.path, attempt: event.attempt, delayMs: event.delayMs, reason: event.reason });
      if (event.type === 'rate_limit_wait') line({ type: 'rate_limit_wait', waitMs: event.waitMs, reason: event.reason, requestsPerSecond: event.requestsPerSecond });
    },
    message(message) {
      if (message.type === 'stream_start') line({ type: 'stream_start', stream: message.stream, mode: message.mode });
      if (message.type === 'stream_end') {
        const { type, stream, records, deletes, pages, requests, tokens, error } = message;
        line({ type, stream, records, deletes, pages, requests, tokens, ...(error ? { error: errorJson(error) } : {}) });
      }
      if (message.type === 'warning') line({ type: 'warning', stream: message.stream ?? null, message: message.message });
    },
    checkpoint: (state, stateFile) => line({ type: 'checkpoint', stateFile: stateFile ?? null, streams: watermarks(state) }),
    warning: (message, stream) => line({ type: 'warning', stream: stream ?? null, message }),
    finish: (summary) => line(summaryJson(summary)),
  };
}
