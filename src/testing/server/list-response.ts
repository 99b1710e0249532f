/** Serialises one list page in the exact envelope of its endpoint. */
import type { GenContext, StreamModel } from '../dataset/context.js';
import { withOptionLabels } from '../dataset/custom-field-values.js';
import type { ApiRecord } from '../dataset/types.js';
import { encodeCursor } from './cursor.js';
import type { Endpoint } from './endpoints.js';
import type { ListQuery } from './query.js';
import { cursorAt, cursorPage, offsetPage, type View } from './views.js';

/** Applies the per-request record options: option labels, labels, a custom field subset, catalog namespaces. */
function shape(record: ApiRecord, endpoint: Endpoint, query: ListQuery, ctx: GenContext): ApiRecord {
  if (endpoint.fieldNamespaces) {
    if (query.namespaces.size === endpoint.fieldNamespaces.length) return record;
    const out = { ...record };
    for (const ns of endpoint.fieldNamespaces) if (!query.namespaces.has(ns)) delete out[ns];
    return out;
  }
  if (!endpoint.customFields || endpoint.version !== 'v2') return record;
  if (!query.optionLabels && !query.customFieldKeys && !query.includeLabels) return record;
  const defs = ctx.customFields[endpoint.customFields];
  let custom = record['custom_fields'] as Record<string, unknown>;
  if (query.optionLabels) custom = withOptionLabels(defs, custom);
  if (query.customFieldKeys) {
    const keys = query.customFieldKeys;
    custom = Object.fromEntries(Object.entries(custom).filter(([k]) => keys.has(k)));
  }
  const out: ApiRecord = { ...record, custom_fields: custom };
  if (query.includeLabels) {
    const options = endpoint.stream === 'deals' ? ctx.builtinOptions.dealLabels : endpoint.stream === 'persons' ? ctx.builtinOptions.personLabels : ctx.builtinOptions.organizationLabels;
    out['labels'] = ((record['label_ids'] as number[] | undefined) ?? []).map((id) => ({ id, label: options.find((o) => o.id === id)?.label ?? null }));
  }
  return out;
}

/**
 * The JSON body of one page of a list endpoint.
 *
 * @example
 * const body = listBody(model, endpoint, query, view, ctx); // '{"success":true,"data":[...],"additional_data":{"next_cursor":"..."}}'
 */
export function listBody(model: StreamModel, endpoint: Endpoint, query: ListQuery, view: View, ctx: GenContext): string {
  const build = (i: number): ApiRecord => shape(model.build(i), endpoint, query, ctx);
  if (endpoint.pagination === 'cursor') {
    const slice = cursorPage(view, model, query);
    const next = slice.next === undefined ? null : encodeCursor(cursorAt(view, model, query, slice.next));
    return JSON.stringify({ success: true, data: slice.indexes.map(build), additional_data: { next_cursor: next } });
  }
  if (endpoint.pagination === 'offset') {
    const slice = offsetPage(view, query);
    const paging = { start: query.start, limit: query.limit, more_items_in_collection: slice.more };
    const additional = endpoint.offsetShape === 'flat' ? paging : { pagination: slice.more ? { ...paging, next_start: query.start + query.limit } : paging };
    return JSON.stringify({ success: true, data: slice.indexes.map(build), additional_data: additional });
  }
  return JSON.stringify({ success: true, data: Array.from(view.order, build) });
}
