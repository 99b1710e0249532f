/**
 * pipedrive-extract: read everything out of a Pipedrive account.
 *
 * @example
 * import { Pipedrive } from 'pipedrive-extract';
 * const pd = new Pipedrive({ apiToken: process.env.PIPEDRIVE_API_TOKEN!, domain: 'mycompany' });
 * for await (const deal of pd.deals()) console.log(deal.title);
 */
export { Pipedrive, type PipedriveOptions, type StreamMethods, type FieldsOptions } from './client.js';
export {
  PipedriveError,
  AuthenticationError,
  ForbiddenError,
  NotFoundError,
  BadRequestError,
  RateLimitError,
  DailyBudgetExceededError,
  ServerError,
  NetworkError,
  TimeoutError,
  ConfigError,
  ResponseValidationError,
  isPipedriveError,
  type PipedriveErrorCode,
  type RequestInfo,
} from './errors.js';
export type { PipedriveEvent, RequestEvent, RetryEvent, RateLimitWaitEvent, EventListener } from './http/events.js';
export type { RateLimitOptions } from './http/pacer.js';
export type { RetryOptions } from './http/retry-policy.js';
export { Paginator } from './pagination/paginator.js';
export type { Page } from './pagination/page.js';
export type { StreamInfo } from './streams/catalog.js';
export type { ListOptions, TimeFilterOptions, ArchivedOptions, StreamOptions, CustomFieldOptions, NoCustomFieldOptions } from './streams/options.js';
export { slugifyFieldName } from './custom-fields/slugify-field-name.js';
export { assignFieldNames, buildNameMap, checkNameMap, extendNameMap, type ExtendNameMapOptions, type NameMap } from './custom-fields/name-map.js';
export { customFieldStreams, type CustomFieldStream } from './custom-fields/custom-field-streams.js';
export { toFieldCatalog, type CatalogField, type CatalogName, type CatalogSubfield, type FieldCatalog } from './custom-fields/field-catalog.js';
export type { CustomFieldStreamMethod, NamedRecord, NamedRecordMeta } from './custom-fields/named-record.js';
export type { DiscoveredColumn, DiscoveredOption, DiscoveredStream, DiscoverOptions } from './custom-fields/discover.js';
export type { ColumnType } from './custom-fields/schema-columns.js';
export { streamNames, type StreamName } from './streams/table.js';
export type { SyncOptions } from './incremental/sync.js';
export type {
  SyncMessage,
  SyncMode,
  RecordMessage,
  DeleteMessage,
  CheckpointMessage,
  StreamStartMessage,
  StreamEndMessage,
  WarningMessage,
} from './incremental/messages.js';
export { loadState, emptyState, STATE_VERSION, type SyncState, type StreamState, type Position } from './incremental/state.js';
export type { StreamSelection } from './incremental/stream-selection.js';
export * from './schemas/index.js';
