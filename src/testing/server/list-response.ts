/** Serialises one list page in the exact envelope of its endpoint. */
import type { GenContext, StreamModel } from '../dataset/context.js';
import { withOptionLabels } from '../dataset/custom-field-values.js';
import type { ApiRecord, CustomFieldEntity } from '../dataset/types.js';
import { jsonBytes, JsonWriter } from '../internal/json-writer.js';
import { encodeCursor } from './cursor.js';
import type { Endpoint } from './endpoints.js';
import type { ListQuery } from './query.js';
import { cursorAt, cursorPage, offsetPage, type View } from './views.js';

/** Whether the request asks for records other than the model's own: option labels, labels, a subset of fields. */
function needsShaping(endpoint: Endpoint, query: ListQuery): boolean {
  if (endpoint.fieldNamespaces) return query.namespaces.size !== endpoint.fieldNamespaces.length;
  if (!endpoint.customFields || endpoint.version !== 'v2') return false;
  return query.optionLabels || query.customFieldKeys !== undefined || query.includeLabels;
}

/**
 * Applies the per-request record options: option labels, labels, a custom field subset, catalog namespaces.
 * Called only when `needsShaping` says the request asks for any.
 */
function shape(record: ApiRecord, endpoint: Endpoint, query: ListQuery, ctx: GenContext): ApiRecord {
  if (endpoint.fieldNamespaces) {
    const out = { ...record };
    for (const ns of endpoint.fieldNamespaces) if (!query.namespaces.has(ns)) delete out[ns];
    return out;
  }
  const defs = ctx.customFields[endpoint.customFields as CustomFieldEntity];
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

const DATA = jsonBytes('{"success":true,"data":');
const ADDITIONAL = jsonBytes(',"additional_data":');
/**
 * Writes the JSON body of one page of a list endpoint into `w`.
 *
 * @example
 * writeListBody(w, model, endpoint, query, view, ctx); // '{"success":true,"data":[...],"additional_data":{"next_cursor":"..."}}'
 */
export function writeListBody(w: JsonWriter, model: StreamModel, endpoint: Endpoint, query: ListQuery, view: View, ctx: GenContext): void {
  w.raw(DATA);
  if (endpoint.pagination === 'cursor') {
    const slice = cursorPage(view, model, query);
    const next = slice.next === undefined ? null : encodeCursor(cursorAt(view, model, query, slice.next));
    writeRecords(w, model, endpoint, query, ctx, slice.indexes);
    w.raw(ADDITIONAL).json(JSON.stringify({ next_cursor: next }));
  } else if (endpoint.pagination === 'offset') {
    const slice = offsetPage(view, query);
    const paging = { start: query.start, limit: query.limit, more_items_in_collection: slice.more };
    const additional = endpoint.offsetShape === 'flat' ? paging : { pagination: slice.more ? { ...paging, next_start: query.start + query.limit } : paging };
    writeRecords(w, model, endpoint, query, ctx, slice.indexes);
    w.raw(ADDITIONAL).json(JSON.stringify(additional));
  } else {
    writeRecords(w, model, endpoint, query, ctx, view.order);
  }
  w.close();
}

/**
 * Writes the JSON array of the records at `indexes`. A record that needs no per-request shaping comes from the
 * model's own writer when it has one; everything else goes through `JSON.stringify`.
 */
function writeRecords(w: JsonWriter, model: StreamModel, endpoint: Endpoint, query: ListQuery, ctx: GenContext, indexes: ArrayLike<number>): void {
  if (needsShaping(endpoint, query)) {
    w.json(JSON.stringify(Array.from(indexes, (i) => shape(model.build(i), endpoint, query, ctx))));
    return;
  }
  if (!model.write) {
    w.json(JSON.stringify(Array.from(indexes, (i) => model.build(i))));
    return;
  }
  w.byte(0x5b);
  for (let k = 0; k < indexes.length; k++) {
    if (k > 0) w.byte(0x2c);
    model.write(indexes[k] as number, w);
  }
  w.byte(0x5d);
}
