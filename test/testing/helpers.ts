/** Small helpers shared by the fake Pipedrive's tests. */
import type { FakePipedrive, FakeResponse } from '../../src/testing/index.js';

/** Default header of the fake's token. */
export const AUTH = { 'x-api-token': 'test-token' } as const;

/** A parsed answer of the fake's core. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: any;
  raw: FakeResponse;
}

/** Calls the core directly (no transport): `GET path` with headers. */
export function get(fake: FakePipedrive, path: string, headers: Record<string, string> = AUTH, method = 'GET'): Answer {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const raw = fake.handle({ method, url: path, header: (name) => lower[name] });
  let body: any;
  try {
    body = JSON.parse(raw.body);
  } catch {
    body = raw.body;
  }
  return { status: raw.status, headers: raw.headers, body, raw };
}

/** Follows `next_cursor` from `path` to the end; returns every record and the page count. */
export function sweepCursor(fake: FakePipedrive, path: string): { records: any[]; pages: number } {
  const records: any[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const answer = get(fake, cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
    if (answer.status !== 200) throw new Error(`${path}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    records.push(...answer.body.data);
    cursor = answer.body.additional_data.next_cursor;
    pages++;
  } while (cursor !== null);
  return { records, pages };
}

/** Follows v1 offsets from `path` to the end (`next_start`, or `start + limit` for leads' flat shape). */
export function sweepOffset(fake: FakePipedrive, path: string, limit: number): { records: any[]; pages: number } {
  const records: any[] = [];
  let pages = 0;
  let start = 0;
  for (;;) {
    const sep = path.includes('?') ? '&' : '?';
    const answer = get(fake, `${path}${sep}start=${start}&limit=${limit}`);
    if (answer.status !== 200) throw new Error(`${path}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
    records.push(...answer.body.data);
    pages++;
    const extra = answer.body.additional_data;
    const paging = extra.pagination ?? extra;
    if (!paging.more_items_in_collection) return { records, pages };
    start = paging.next_start ?? start + limit;
  }
}

/** Sorted copy of ids. */
export function ids(records: any[]): Array<number | string> {
  return records.map((r) => r.id);
}
