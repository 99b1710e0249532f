import { Pipedrive } from '../../client.js';
import type { PipedriveEvent } from '../../http/events.js';
import type { SyncMessage, SyncMode } from '../../incremental/messages.js';

/**
 * What one stream did so far.
 *
 * @example
 * const deals: StreamStats = stats.streams.get('deals')!; // deals.records
 */
export interface StreamStats {
  name: string;
  mode: SyncMode;
  /** Output file, relative to the working directory when inside it. */
  file: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  records: number;
  deletes: number;
  pages: number;
  requests: number;
  tokens: number;
  retries: number;
  startedAt?: number;
  endedAt?: number;
  error?: Error;
}

/**
 * Totals of a run.
 *
 * @example
 * const totals: RunTotals = stats.totals();
 */
export interface RunTotals {
  records: number;
  deletes: number;
  pages: number;
  requests: number;
  tokens: number;
  retries: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
  checkpoints: number;
}

/** Request paths (without query) of every stream endpoint, from the catalog. */
function endpointIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const stream of Pipedrive.streams) for (const endpoint of stream.endpoints) index.set(endpoint.replace(/^GET /, ''), stream.name);
  return index;
}

/**
 * The live numbers of a sync run, fed by `onEvent` (requests, retries, rate-limit waits; a request is
 * attributed to the stream whose endpoint it called) and by sync messages (records, deletes, stream ends).
 *
 * @example
 * const stats = new RunStats([{ name: 'deals', mode: 'incremental', file: 'out/deals.jsonl' }]);
 * stats.onMessage({ type: 'record', stream: 'deals', record: { id: 1 } });
 */
export class RunStats {
  readonly startedAt = Date.now();
  readonly streams = new Map<string, StreamStats>();
  requests = 0;
  retries = 0;
  rateLimitWaits = 0;
  rateLimitWaitMs = 0;
  checkpoints = 0;
  private readonly endpoints = endpointIndex();
  private readonly recent: number[] = [];

  constructor(planned: ReadonlyArray<{ name: string; mode: SyncMode; file: string }>) {
    for (const { name, mode, file } of planned) {
      this.streams.set(name, { name, mode, file, status: 'pending', records: 0, deletes: 0, pages: 0, requests: 0, tokens: 0, retries: 0 });
    }
  }

  /** The stream a request path belongs to, if any. */
  streamOfPath(path: string): string | undefined {
    return this.endpoints.get(path.split('?')[0] ?? path);
  }

  /** Counts a client event; returns the stream it concerns, when known. */
  onEvent(event: PipedriveEvent): string | undefined {
    if (event.type === 'rate_limit_wait') {
      this.rateLimitWaits += 1;
      this.rateLimitWaitMs += event.waitMs;
      return undefined;
    }
    const stream = this.streamOfPath(event.path);
    const stats = stream === undefined ? undefined : this.streams.get(stream);
    if (event.type === 'request') {
      this.requests += 1;
      this.recent.push(Date.now());
      if (stats && stats.status === 'running') {
        stats.requests += 1;
        if (event.status >= 200 && event.status < 300) stats.pages += 1;
        stats.tokens += event.status >= 200 && event.status < 300 ? event.tokenCost : 0;
      }
    } else {
      this.retries += 1;
      if (stats) stats.retries += 1;
    }
    return stream;
  }

  /** Counts a sync message. */
  onMessage(message: SyncMessage): void {
    switch (message.type) {
      case 'record':
        this.streams.get(message.stream)!.records += 1;
        break;
      case 'delete':
        this.streams.get(message.stream)!.deletes += 1;
        break;
      case 'checkpoint':
        this.checkpoints += 1;
        break;
      case 'stream_start': {
        const stats = this.streams.get(message.stream)!;
        stats.status = 'running';
        stats.mode = message.mode;
        stats.startedAt = Date.now();
        break;
      }
      case 'stream_end': {
        const stats = this.streams.get(message.stream)!;
        Object.assign(stats, { records: message.records, deletes: message.deletes, pages: message.pages, requests: message.requests, tokens: message.tokens });
        stats.status = message.error ? 'failed' : 'done';
        stats.endedAt = Date.now();
        if (message.error) stats.error = message.error;
        break;
      }
      default:
        break;
    }
  }

  /** Requests per second over the last five seconds. */
  requestsPerSecond(now = Date.now()): number {
    while (this.recent.length > 0 && this.recent[0]! < now - 5000) this.recent.shift();
    const span = Math.min(5000, now - this.startedAt);
    return span <= 0 ? 0 : (this.recent.length * 1000) / span;
  }

  /** Milliseconds since the run started. */
  elapsedMs(now = Date.now()): number {
    return now - this.startedAt;
  }

  /** Sums over every stream, plus the client's counters. */
  totals(): RunTotals {
    const totals: RunTotals = { records: 0, deletes: 0, pages: 0, requests: 0, tokens: 0, retries: this.retries, rateLimitWaits: this.rateLimitWaits, rateLimitWaitMs: this.rateLimitWaitMs, checkpoints: this.checkpoints };
    for (const s of this.streams.values()) {
      totals.records += s.records;
      totals.deletes += s.deletes;
      totals.pages += s.pages;
      totals.requests += s.requests;
      totals.tokens += s.tokens;
    }
    totals.requests = Math.max(totals.requests, this.requests);
    return totals;
  }
}
