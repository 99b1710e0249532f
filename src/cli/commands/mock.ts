import { createDataset, createFakePipedrive } from '../../testing/index.js';
import { numberFlag, parseFlags, stringFlag } from '../args.js';
import type { CommandIO } from '../io.js';
import { UsageError } from '../usage-error.js';
import { USAGE } from '../usage.js';
import { countsForSize } from './mock-counts.js';

function waitForAbort(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/**
 * `pipedrive-extract mock`: serves the fake Pipedrive on 127.0.0.1 until `io.signal` aborts (SIGINT or
 * SIGTERM in the real process), and prints the URL and the token to use.
 *
 * @example
 * const stop = new AbortController();
 * const done = mockCommand(['--port', '0', '--size', '1000'], { ...io, signal: stop.signal });
 */
export async function mockCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  const flags = parseFlags(
    argv,
    { port: 'string', size: 'string', seed: 'string', latency: 'string', 'rate-limit': 'string', token: 'string', json: 'boolean', help: 'boolean' },
    'mock',
  );
  if (flags['help']) {
    io.stdout.write(USAGE.mock);
    return 0;
  }
  const port = numberFlag(flags, 'port', { min: 0, integer: true }) ?? 4010;
  if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}.`);
  const size = numberFlag(flags, 'size', { min: 1, integer: true }) ?? 200;
  const seed = numberFlag(flags, 'seed', { min: 0, integer: true }) ?? 1;
  const latency = numberFlag(flags, 'latency', { min: 0 }) ?? 0;
  const requestsPer2s = numberFlag(flags, 'rate-limit', { min: 1, integer: true });
  const token = stringFlag(flags, 'token') ?? 'test-token';
  if (!/^[\x21-\x7e]+$/.test(token)) throw new UsageError('--token must be printable ASCII without spaces.');
  const fake = createFakePipedrive({
    dataset: createDataset({ seed, counts: countsForSize(size) }),
    apiToken: token,
    ...(requestsPer2s !== undefined ? { rateLimit: { requestsPer2s } } : {}),
    ...(latency > 0 ? { latency: { ms: latency, jitterMs: latency / 2, seed } } : {}),
  });
  let server;
  try {
    server = await fake.listen({ port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`Cannot listen on 127.0.0.1:${port}${code === 'EADDRINUSE' ? ': the port is in use (try --port 0)' : code ? ` (${code})` : ''}.`);
  }
  const total = ['deals', 'persons', 'organizations', 'activities', 'leads', 'notes', 'products', 'files'].reduce((sum, s) => sum + fake.dataset.count(s as 'deals'), 0);
  if (flags['json']) {
    io.stdout.write(`${JSON.stringify({ type: 'listening', url: server.url, token, seed, deals: size, records: total })}\n`);
  } else {
    io.stdout.write(
      `Fake Pipedrive on ${server.url} (seed ${seed}, ${size.toLocaleString('en-US')} deals, ${total.toLocaleString('en-US')} records` +
        `${latency > 0 ? `, ${latency} ms latency` : ''}${requestsPer2s !== undefined ? `, ${requestsPer2s} requests per 2 s` : ''}).\n` +
        `Use it with:\n` +
        `  export PIPEDRIVE_BASE_URL=${server.url}\n` +
        `  export PIPEDRIVE_API_TOKEN=${token}\n` +
        `  pipedrive-extract sync --out ./pipedrive-data --state ./state.json\n` +
        `Press Ctrl+C to stop.\n`,
    );
  }
  await waitForAbort(io.signal);
  await server.close();
  if (!flags['json']) io.stderr.write('Fake Pipedrive stopped.\n');
  return 0;
}
