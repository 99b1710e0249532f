import { buildCatalog } from './catalog.js';
import { streamTable } from './table.js';
import type { EndpointSpec, StreamSpec } from './types.js';

const how = (endpoint: EndpointSpec, bound: 'since' | 'until'): string => {
  const value = endpoint[bound];
  if (value === 'server') return bound === 'since' ? 'server (`updated_since`, >=)' : 'server (`updated_until`, <)';
  if (value === 'desc-stop') return 'client: newest first, stops at the bound';
  if (value === 'client') return 'client-side';
  return 'refused (ConfigError)';
};

/**
 * Renders docs/streams.md from the stream table, so the page can never drift from the code.
 *
 * @example
 * writeFileSync('docs/streams.md', renderStreamsDoc());
 */
export function renderStreamsDoc(): string {
  const lines = [
    '# Streams',
    '',
    'Generated from the stream table (`src/streams/table.ts`) by `npm run docs:streams`; a test fails when it is out of date.',
    '',
    '| stream | method | endpoint(s) | pages | max page | incremental (sync) | primary key | cursor field | token cost |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const info of buildCatalog()) {
    lines.push(
      `| ${info.name} | \`${info.method}()\` | ${info.endpoints.map((e) => `\`${e}\``).join('<br>')} | ${info.pagination} | ${info.maxPageSize ?? '-'} | ${info.incrementalStrategy ?? 'full refresh'} | \`${info.primaryKey}\` | ${info.cursorField ? `\`${info.cursorField}\`` : '-'} | ${info.tokenCosts.join(' / ')} |`,
    );
  }
  lines.push('', '## Time filters per endpoint', '', '`updatedSince` / `updatedUntil` on each endpoint, and what the SDK does with them:', '');
  lines.push('| stream | endpoint | updatedSince | updatedUntil |', '|---|---|---|---|');
  for (const info of buildCatalog()) {
    const spec: StreamSpec = streamTable[info.name];
    const endpoints = spec.archived ? [spec.endpoint, spec.archived] : [spec.endpoint];
    for (const endpoint of endpoints) {
      lines.push(`| ${info.name} | \`/api/${endpoint.api}${endpoint.path}\` | ${spec.cursorField ? how(endpoint, 'since') : 'refused (no change time)'} | ${spec.cursorField ? how(endpoint, 'until') : 'refused (no change time)'} |`);
    }
  }
  lines.push(
    '',
    '## Notes',
    '',
    '- Incremental strategies: `window` = server-side `updated_since` + `updated_until`, ascending `update_time`, a checkpoint after every page; `since` = server-side `updated_since`, ascending order (v1 lists page by key: they restart from the last change second, so records updated while paging cannot shift unread ones past the offset), upper bound cut client-side; `desc-stop` = newest first, stop at the watermark, checkpoint at the end.',
    '- `deals()` and `leads()` also read their `/archived` companion (`archived: \'include\' | \'exclude\' | \'only\'`, default `include`); each record carries `is_archived`.',
    '- In sync, deals deleted in the last 30 days come from `status=deleted` and become `delete` messages; any record flagged `is_deleted: true` does too.',
    '- Field catalogs have no `id`: their key is `field_code` (the 40-character hash for custom fields).',
    '- Token costs are the `x-token-cost` of each operation in the OpenAPI specs; a test checks them.',
    '',
  );
  return lines.join('\n');
}
