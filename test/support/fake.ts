import { Pipedrive, type PipedriveOptions, type SyncMessage, type SyncOptions, type SyncState } from '../../src/index.js';
import { streamTable, type StreamName } from '../../src/streams/table.js';
import { createDataset, createFakePipedrive, type CreateDatasetOptions, type FakePipedrive, type FakePipedriveOptions } from '../../src/testing/index.js';

/** A fake Pipedrive listening on 127.0.0.1 and a client pointed at it. */
export interface FakeSetup {
  fake: FakePipedrive;
  url: string;
  client(options?: Partial<PipedriveOptions>): Pipedrive;
  close(): Promise<void>;
}

/** Starts a fake over a fresh dataset; `client()` talks to it with fast retries and no pacing limit. */
export async function startFake(dataset: CreateDatasetOptions = { seed: 7 }, options: Partial<FakePipedriveOptions> = {}): Promise<FakeSetup> {
  const fake = createFakePipedrive({ dataset: createDataset(dataset), ...options });
  const server = await fake.listen();
  return {
    fake,
    url: server.url,
    client: (overrides = {}) =>
      new Pipedrive({
        apiToken: fake.apiToken,
        baseUrl: server.url,
        rateLimit: { requestsPerSecond: 500 },
        retry: { baseDelayMs: 1, maxDelayMs: 10 },
        ...overrides,
      }),
    close: () => server.close(),
  };
}

/** What a sync run delivered: record keys with their change times, deletes, the last checkpoint, the ends. */
export interface RunResult {
  messages: SyncMessage[];
  /** `stream:id` of every record message, in order (repeats kept). */
  records: string[];
  /** `stream:id:update_time` of every record message. */
  versions: string[];
  deletes: string[];
  state: SyncState | undefined;
  ends: Extract<SyncMessage, { type: 'stream_end' }>[];
}

/** The key of a record of `stream`, as `stream:id`. */
export function keyOf(stream: string, record: Record<string, unknown>): string {
  const spec = streamTable[stream as StreamName];
  return `${stream}:${String(record[spec.primaryKey])}`;
}

/** Runs a sync to the end (or until `stopAfter` returns true) and collects what it delivered. */
export async function runSync(pd: Pipedrive, options: SyncOptions, stopAfter?: (message: SyncMessage, index: number) => boolean): Promise<RunResult> {
  const result: RunResult = { messages: [], records: [], versions: [], deletes: [], state: undefined, ends: [] };
  let index = 0;
  for await (const message of pd.sync(options)) {
    result.messages.push(message);
    if (message.type === 'record') {
      const key = keyOf(message.stream, message.record);
      result.records.push(key);
      const spec = streamTable[message.stream as StreamName];
      const cursor = 'cursorField' in spec ? message.record[spec.cursorField] : '';
      result.versions.push(`${key}:${String(cursor)}`);
    }
    if (message.type === 'delete') result.deletes.push(`${message.stream}:${String(message.id)}`);
    if (message.type === 'checkpoint') result.state = message.state;
    if (message.type === 'stream_end') result.ends.push(message);
    if (stopAfter?.(message, index++)) break;
  }
  return result;
}
