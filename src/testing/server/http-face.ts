/** The node:http face: a real loopback server over the core. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeCore, FakeResponse } from './core.js';

/**
 * A running loopback server.
 *
 * @example
 * const { url, close } = await fake.listen();
 * await fetch(`${url}/api/v2/deals`, { headers: { 'x-api-token': 'test-token' } });
 * await close();
 */
export interface ListeningServer {
  /** Origin of the server, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** Stops the server and drops open connections. */
  close(): Promise<void>;
}

/**
 * Options of `listen`.
 *
 * @example
 * await fake.listen({ port: 4010 });
 */
export interface ListenOptions {
  /**
   * Port on 127.0.0.1; 0 picks a free one.
   * @default 0
   */
  port?: number;
}

function send(res: ServerResponse, answer: FakeResponse): void {
  const bytes = answer.bytes;
  res.writeHead(answer.status, { ...answer.headers, 'content-length': String(bytes.length) });
  if (answer.delivery === 'reset') {
    // Headers and half the body go out; then the connection drops mid-body.
    res.write(bytes.subarray(0, answer.resetAfterBytes), () => res.socket?.destroy());
    return;
  }
  res.end(bytes, () => answer.release?.());
}

/**
 * Starts a node:http server on 127.0.0.1 answering through `core`.
 *
 * @example
 * const server = await listenHttp(core, { port: 0 });
 */
export function listenHttp(core: FakeCore, options: ListenOptions = {}): Promise<ListeningServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // The fake reads no bodies; drain any so the connection stays usable.
    req.resume();
    const answer = core.handle({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      header: (name) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : value;
      },
    });
    if (answer.delayMs > 0) setTimeout(() => send(res, answer), answer.delayMs);
    else send(res, answer);
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((err) => (err ? fail(err) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
