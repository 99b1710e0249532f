/** The msw face: request handlers answering through the core, for `setupServer(...fake.handlers())`. */
import { delay, http, type HttpHandler } from 'msw';
import type { FakeCore, FakeResponse } from './core.js';

function toResponse(answer: FakeResponse): Response {
  if (answer.delivery !== 'reset') return new Response(answer.bytes, { status: answer.status, headers: answer.headers });
  // Headers arrive, then the body stream fails half way: what a dropped connection looks like to fetch.
  const bytes = answer.bytes;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.subarray(0, answer.resetAfterBytes));
      controller.error(new TypeError('terminated: other side closed (fake Pipedrive reset)'));
    },
  });
  return new Response(stream, { status: answer.status, headers: answer.headers });
}

/**
 * msw handlers for the fake's paths (`/api/v1/*`, `/api/v2/*`, `/v1/*`), on `origin` or on any origin.
 *
 * @example
 * setupServer(...mswHandlers(core, 'https://mycompany.pipedrive.com'));
 */
export function mswHandlers(core: FakeCore, origin?: string): HttpHandler[] {
  const base = origin === undefined ? undefined : origin.replace(/\/+$/, '');
  const paths = base === undefined ? [/^[a-z][a-z0-9+.-]*:\/\/[^/]+\/(?:api\/v[12]|v1)\//i] : [`${base}/api/v2/*`, `${base}/api/v1/*`, `${base}/v1/*`];
  return paths.map((path) =>
    http.get(path, async ({ request }) => {
      const answer = core.handle({ method: request.method, url: request.url, header: (name) => request.headers.get(name) ?? undefined });
      if (answer.delayMs > 0) await delay(answer.delayMs);
      return toResponse(answer);
    }),
  );
}
