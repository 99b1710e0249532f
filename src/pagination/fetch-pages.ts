import { ResponseValidationError } from '../errors.js';
import type { Meter, Query, Transport } from '../http/transport.js';
import { isDescending, ShiftGuard } from './shift-guard.js';
import type { PaginationStrategy } from './strategies.js';

/** A raw page: the unvalidated `data` array and where the next page starts. */
export interface RawPage {
  data: unknown[];
  nextCursor: string | null;
}

/** What {@link fetchPages} needs to walk one endpoint. */
export interface FetchPagesInput {
  transport: Transport;
  /** Full path such as `/api/v2/deals`. */
  path: string;
  /** Parameters sent with every page (filters, sort). */
  query: Query;
  strategy: PaginationStrategy;
  pageSize: number | undefined;
  tokenCost: number;
  /** Stream name, for error messages. */
  stream: string;
  signal?: AbortSignal;
  /** Counts this walk's requests and tokens. */
  meter?: Meter;
  /**
   * Keyset paging for offset lists ordered by ascending change time: after each page the query restarts
   * from the last change second (`restart`), skipping records already yielded at that second, so records
   * updated while paging cannot shift unread records past the offset.
   */
  keyset?: KeysetOptions;
}

/** How {@link fetchPages} pages by key: the record's id field, its change second, and the restart query. */
export interface KeysetOptions {
  /** The id field used to skip records already yielded at the boundary second. */
  key: string;
  /** The record's change time in whole seconds since the epoch, or undefined. */
  second(item: Record<string, unknown>): number | undefined;
  /** The query that lists records changed at or after `second`, from the first row. */
  restart(second: number): Query;
}

/** Why a body is not a list envelope (an object whose `data` is an array or null), or undefined. */
function envelopeProblem(body: unknown): { message: string; path?: string } | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { message: 'the response is not a JSON object' };
  const record = body as Record<string, unknown>;
  if (record['success'] === false) return undefined; // reported with Pipedrive's own words below
  const data = record['data'];
  if (data !== null && !Array.isArray(data)) return { message: `the response has no data array (data is ${typeof data})`, path: 'data' };
  return undefined;
}

/**
 * Walks one list endpoint page by page, checking the envelope of each response: `success` not false,
 * `data` an array (or null on a last page), and paging that advances. The one pagination path every
 * stream goes through.
 *
 * @example
 * for await (const page of fetchPages({ transport, path: '/api/v2/stages', query: {}, strategy, pageSize: 500, tokenCost: 5, stream: 'stages' })) {}
 */
export async function* fetchPages(input: FetchPagesInput): AsyncGenerator<RawPage> {
  const { transport, path, strategy } = input;
  const first = strategy.first(input.pageSize);
  let query: Query = { ...input.query, ...first };
  const keyset = input.keyset;
  let boundarySecond: number | undefined;
  let boundaryIds = new Set<unknown>();
  const limit = Number(query['limit']);
  // offset walks newest first: rows removed from the part already read must not push unread rows past the offset
  const guard = !keyset && strategy.kind === 'offset' && isDescending(query) && Number.isInteger(limit) && limit >= 2 ? new ShiftGuard(limit) : undefined;
  // cursors handed out by this walk: one handed out again means a cycle
  const cursors = new Set<string>();
  // keyset walks page by offset only inside one long-tied change second; a row of that second that leaves
  // (deleted, or changed to a later second) moves the unread ones up, so those pages overlap and are checked too
  const tieGuard = keyset && Number.isInteger(limit) && limit >= 2 ? new ShiftGuard(limit) : undefined;
  let continuing = false;

  for (;;) {
    const where = `${input.stream} (GET ${path})`;
    const response = await transport.get(path, query, {
      tokenCost: input.tokenCost,
      ...(input.signal ? { signal: input.signal } : {}),
      ...(input.meter ? { meter: input.meter } : {}),
      check: envelopeProblem,
    });
    const body = response.body as Record<string, unknown> | null;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ResponseValidationError(`${where}: the response is not a JSON object. Check baseUrl/domain.`, { stream: input.stream });
    }
    if (body['success'] === false) {
      throw new ResponseValidationError(`${where}: Pipedrive answered success: false with status ${response.status}: ${transport.redact(String(body['error'] ?? 'no reason given')).slice(0, 300)}. Check the stream's options; if it persists, report the response and resume from the last checkpoint.`, {
        stream: input.stream,
        status: response.status,
      });
    }
    const next = strategy.next(query, body['additional_data'], where);
    if (strategy.kind === 'cursor' && next.cursor !== null) {
      if (cursors.has(next.cursor)) {
        throw new ResponseValidationError(`${where}: next_cursor "${next.cursor.slice(0, 40)}" was already returned by an earlier page, so paging would go round in circles. Stopped; resume from the last checkpoint.`, {
          stream: input.stream,
        });
      }
      cursors.add(next.cursor);
    }
    const data = body['data'];
    if (guard) {
      const rows = data === null && next.query === null ? [] : data;
      if (Array.isArray(rows) && !(rows.length === 0 && next.query !== null)) {
        const start = Number(query['start'] ?? 0);
        if (!guard.accepts(rows, start)) {
          // rows moved up since the last page: some unread rows now sit before `start`
          query = { ...query, start: guard.stepBack(start, where) };
          continue;
        }
        yield { data: guard.fresh(rows), nextCursor: next.cursor };
        if (next.query === null) return;
        query = { ...query, ...next.query, start: guard.nextStart(Number(next.query['start'])) };
        continue;
      }
    }
    if (keyset && tieGuard && continuing) {
      const rows = Array.isArray(data) ? data : data === null && next.query === null ? [] : undefined;
      const start = Number(query['start'] ?? 0);
      const anchored = (row: unknown) =>
        row !== null && typeof row === 'object' && keyset.second(row as Record<string, unknown>) === boundarySecond && boundaryIds.has((row as Record<string, unknown>)[keyset.key]);
      if (rows && !(rows.length === 0 && next.query !== null) && start > 0 && !rows.some(anchored)) {
        // rows of the tied second moved up since the last page: some unread ones now sit before `start`
        query = { ...query, start: tieGuard.stepBack(start, where) };
        continue;
      }
    }
    if (data === null && next.query === null) {
      yield { data: [], nextCursor: null };
      return;
    }
    if (!Array.isArray(data)) {
      throw new ResponseValidationError(`${where}: the response has no data array (data is ${data === null ? 'null' : typeof data}). Report this response; nothing after it was read.`, {
        stream: input.stream,
        path: 'data',
      });
    }
    if (data.length === 0 && next.query !== null) {
      throw new ResponseValidationError(`${where}: an empty page says more pages follow, so paging could never end. Stopped; resume from the last checkpoint.`, {
        stream: input.stream,
      });
    }
    if (!keyset) {
      yield { data, nextCursor: next.cursor };
      if (next.query === null) return;
      query = { ...query, ...next.query };
      continue;
    }
    const rows = data as Record<string, unknown>[];
    const fresh = boundaryIds.size === 0 ? rows : rows.filter((row) => !(keyset.second(row) === boundarySecond && boundaryIds.has(row[keyset.key])));
    let last: number | undefined;
    for (const row of rows) {
      const second = keyset.second(row);
      if (second !== undefined && (last === undefined || second > last)) last = second;
    }
    if (next.query === null || last === undefined) {
      yield { data: fresh, nextCursor: next.cursor };
      if (next.query === null) return;
      query = { ...query, ...next.query };
      continuing = false;
      continue;
    }
    if (boundarySecond === undefined || last > boundarySecond) {
      boundarySecond = last;
      boundaryIds = new Set();
      query = { ...query, ...keyset.restart(last) };
      continuing = false;
    } else {
      query = { ...query, ...next.query, ...(tieGuard ? { start: tieGuard.nextStart(Number(next.query['start'])) } : {}) };
      continuing = true;
    }
    for (const row of rows) if (keyset.second(row) === boundarySecond) boundaryIds.add(row[keyset.key]);
    yield { data: fresh, nextCursor: next.cursor };
  }
}
