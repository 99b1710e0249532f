import type { Meter } from '../http/transport.js';
import { customFieldsOf, type CustomFieldStream } from './custom-field-streams.js';
import type { CustomFieldContext } from './custom-field-context.js';
import { buildDecodePlan, type DecodePlan } from './decode-plan.js';
import type { FieldCatalog } from './field-catalog.js';
import { assignFieldNames } from './name-map.js';
import { reservedNames } from './reserved-names.js';

/**
 * What {@link createRecordDecoder} needs for one read.
 *
 * @example
 * const input: RecordDecoderInput = { customFields, stream: 'deals' };
 */
export interface RecordDecoderInput {
  customFields: CustomFieldContext;
  stream: CustomFieldStream;
  /** Names to keep for this stream (the stream's entry of `customFieldNames`). */
  previous?: Readonly<Record<string, string>>;
  /** Name every field afresh. @default false */
  refreshNames?: boolean;
  signal?: AbortSignal;
  meter?: Meter;
}

/**
 * Decodes the pages of one named read.
 *
 * @example
 * const items = await decoder.decodePage(page.items);
 */
export interface RecordDecoder {
  decodePage(items: readonly unknown[]): Promise<unknown[]>;
}

/**
 * The decoding step of one read: loads the catalog lazily at the first page (once per client, from the
 * cache), names the fields, precomputes the plan, then decodes page by page. When a page holds a custom
 * key or an option id the catalog lacks and the catalog is older than this read, the catalog is read again
 * once and the page decoded with it (new fields get new names; existing names stay). Ids still without a
 * label are remembered per catalog, so deleted options never cause another catalog request.
 *
 * @example
 * const decoder = createRecordDecoder({ customFields: context.customFields, stream: 'leads' });
 * for await (const page of pages) yield await decoder.decodePage(page.items);
 */
export function createRecordDecoder(input: RecordDecoderInput): RecordDecoder {
  const { customFields, stream } = input;
  const { catalog: catalogName, shape } = customFieldsOf(stream);
  const startedAt = Date.now();
  const load = { ...(input.signal ? { signal: input.signal } : {}), ...(input.meter ? { meter: input.meter } : {}) };
  let catalog: FieldCatalog | undefined;
  let plan: DecodePlan | undefined;
  let refreshed = false;

  const build = (current: FieldCatalog, previous: Readonly<Record<string, string>> | undefined, refresh: boolean): DecodePlan => {
    const names = assignFieldNames(current.fields, reservedNames(stream, current), previous, refresh);
    customFields.names.record(stream, names);
    return buildDecodePlan(current, names, shape);
  };

  const decodeAll = (items: readonly unknown[], unknown: Set<string>) => items.map((item) => plan!.decode(item as Record<string, unknown>, unknown));

  return {
    async decodePage(items) {
      if (!catalog || !plan) {
        catalog = await customFields.catalogs.get(catalogName, load);
        plan = build(catalog, input.previous, input.refreshNames ?? false);
      }
      const unknown = new Set<string>();
      let out = decodeAll(items, unknown);
      if (unknown.size > 0 && !customFields.catalogs.knownMissing(catalog, unknown)) {
        if (!refreshed && Date.parse(catalog.loadedAt) < startedAt) {
          refreshed = true;
          // Another read may have refreshed the shared catalog already; otherwise read it again.
          const cached = await customFields.catalogs.get(catalogName, load);
          catalog = cached !== catalog ? cached : await customFields.catalogs.get(catalogName, { ...load, refresh: true });
          plan = build(catalog, plan.names, false);
          unknown.clear();
          out = decodeAll(items, unknown);
        }
        customFields.catalogs.recordMissing(catalog, unknown);
      }
      return out;
    },
  };
}
