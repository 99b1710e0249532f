import type { PipedriveEvent } from '../../http/events.js';
import type { SyncMessage } from '../../incremental/messages.js';
import type { SyncState } from '../../incremental/state.js';
import type { RunSummary } from './summary.js';

/**
 * Shows a sync run: the live TTY display, plain log lines, or `--json` events.
 *
 * @example
 * const reporter: SyncReporter = createReporter({ json: false, stdout, stderr, stats });
 * reporter.message({ type: 'stream_start', stream: 'deals', mode: 'incremental' });
 */
export interface SyncReporter {
  /** The run begins (after every check passed). */
  start(info: { out: string; stateFile?: string; target?: string }): void;
  /** A client event, with the stream it concerns when known. */
  event(event: PipedriveEvent, stream: string | undefined): void;
  /** A sync message other than record and delete (those are only counted). */
  message(message: SyncMessage): void;
  /** A checkpoint was handled: its state is on disk in `stateFile` (when there is one). */
  checkpoint(state: SyncState, stateFile: string | undefined): void;
  /** Something to know that is not an error. */
  warning(message: string, stream?: string): void;
  /** The run ended. */
  finish(summary: RunSummary): void;
}

/**
 * The watermark of each stream in a state: what a checkpoint summary shows.
 *
 * @example
 * watermarks(state); // { deals: '2026-11-01T10:00:00Z' }
 */
export function watermarks(state: SyncState): Record<string, string> {
  return Object.fromEntries(Object.entries(state.streams).map(([name, position]) => [name, position.watermark]));
}
