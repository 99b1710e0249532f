import { http, HttpResponse, type HttpHandler } from 'msw';
import type { EndpointSpec } from '../../src/streams/types.js';

/** The origin every msw test client talks to. */
export const ORIGIN = 'https://acme.pipedrive.com';
/** The token of msw tests. */
export const TOKEN = 'f0e1d2c3b4a5968778695a4b3c2d1e0f12345678';

/** One request as an msw list handler saw it. */
export interface SeenRequest {
  url: URL;
  headers: Headers;
}

/**
 * msw handler serving `records` from one endpoint with that endpoint's pagination and envelope
 * (v2 cursor, v1 offset with `additional_data.pagination` or flat leads-style, or unpaginated).
 * Records every request into `seen`.
 */
export function listHandler(
  endpoint: EndpointSpec,
  records: readonly Record<string, unknown>[],
  seen: SeenRequest[] = [],
  options: { flatV1?: boolean } = {},
): HttpHandler {
  return http.get(`${ORIGIN}/api/${endpoint.api}${endpoint.path}`, ({ request }) => {
    const url = new URL(request.url);
    seen.push({ url, headers: request.headers });
    if (endpoint.pagination === 'none') return HttpResponse.json({ success: true, data: records });
    const limit = Number(url.searchParams.get('limit') ?? 100);
    if (endpoint.pagination === 'cursor') {
      const start = Number(url.searchParams.get('cursor') ? atob(url.searchParams.get('cursor')!) : 0);
      const data = records.slice(start, start + limit);
      const next = start + limit < records.length ? btoa(String(start + limit)) : null;
      return HttpResponse.json({ success: true, data, additional_data: { next_cursor: next } });
    }
    const start = Number(url.searchParams.get('start') ?? 0);
    const data = records.slice(start, start + limit);
    const more = start + limit < records.length;
    const pagination = more ? { start, limit, more_items_in_collection: true, next_start: start + limit } : { start, limit, more_items_in_collection: false };
    const additional_data = options.flatV1 ? { start, limit, more_items_in_collection: more } : { pagination };
    return HttpResponse.json({ success: true, data, additional_data });
  });
}

/** `count` copies of `template` with ids 1..count (or uuids) and distinct, ascending update times. */
export function makeRecords(template: Record<string, unknown>, count: number, idKind: 'number' | 'uuid' | 'field_code' = 'number'): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => {
    const copy: Record<string, unknown> = structuredClone(template);
    if (idKind === 'uuid') copy['id'] = `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
    else if (idKind === 'field_code') copy['field_code'] = `field_${index + 1}`;
    else copy['id'] = index + 1;
    return copy;
  });
}
