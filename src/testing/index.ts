/**
 * `pipedrive-extract/testing`: an offline, faithful fake Pipedrive for tests, benchmarks and demos.
 *
 * @example
 * import { createDataset, createFakePipedrive } from 'pipedrive-extract/testing';
 * const fake = createFakePipedrive({ dataset: createDataset({ seed: 1 }) });
 * const { url, close } = await fake.listen();
 */
export { createDataset } from './dataset/create-dataset.js';
export {
  STREAM_NAMES,
  type ApiRecord,
  type CreateDatasetOptions,
  type CustomFieldEntity,
  type CustomFieldInfo,
  type Dataset,
  type DatasetCounts,
  type MutableStream,
  type MutationCounts,
  type MutationResult,
  type MutationSpec,
  type RecordsOptions,
  type ServedStream,
  type StreamName,
} from './dataset/types.js';
export { createFakePipedrive, type FakePipedrive, type FakePipedriveOptions } from './server/create-fake.js';
export { createClock, type FakeClock } from './server/clock.js';
export type { FakeRequest, FakeResponse, LatencyOptions } from './server/core.js';
export { ENDPOINTS, type Endpoint, type Pagination } from './server/endpoints.js';
export { FAULT_KINDS, type FaultKind, type FaultOptions, type FaultRule } from './server/faults.js';
export type { ListenOptions, ListeningServer } from './server/http-face.js';
export type { RateLimitOptions } from './server/limits.js';
export type { AuthKind, RequestLogEntry } from './server/request-log.js';
