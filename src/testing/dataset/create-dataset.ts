/** `createDataset`: a deterministic company account for all 18 streams, derived lazily from a seed. */
import { seedToInt } from '../internal/rng.js';
import { startOfUtcDay } from '../internal/time.js';
import { STREAM_CODE, type BuiltinOptions, type GenContext, type ResolvedCounts, type StreamModel } from './context.js';
import { buildCustomFields, type CustomFieldDef, type FieldOption } from './custom-field-catalog.js';
import { buildActivity } from './streams/activities.js';
import { indexedUuid, integerModel, staticModel, uuidIndex, writtenModel } from './streams/common.js';
import { writeDeal } from './streams/deals.js';
import { buildFieldCatalog } from './streams/fields.js';
import { buildFile } from './streams/files.js';
import { buildLead } from './streams/leads.js';
import { buildNote } from './streams/notes.js';
import { writeOrganization } from './streams/organizations.js';
import { writePerson } from './streams/persons.js';
import { buildPipelines, type StaticRecords } from './streams/pipelines.js';
import { writeProduct } from './streams/products.js';
import { buildActivityTypes, buildCurrencies, buildFilters, buildLeadLabels } from './streams/reference.js';
import { buildUsers, USER_ID_OFFSET } from './streams/users.js';
import { GeneratedDataset } from './generated-dataset.js';
import { StreamTable } from './table.js';
import { fillTimeline, type TimelineOptions } from './timeline.js';
import type { ApiRecord, CreateDatasetOptions, CustomFieldEntity, Dataset, DatasetCounts, ServedStream, StreamName } from './types.js';
import { CURRENCY_LIST } from './words.js';

const DEFAULT_COUNTS: ResolvedCounts = {
  deals: 200,
  persons: 150,
  organizations: 60,
  activities: 300,
  leads: 80,
  notes: 150,
  products: 25,
  files: 40,
  users: 6,
  pipelines: 3,
  stagesPerPipeline: 5,
  filters: 5,
  activityTypes: 6,
  leadLabels: 4,
  currencies: 5,
};

const MINIMUM: Partial<Record<keyof DatasetCounts, number>> = { users: 1, pipelines: 1, stagesPerPipeline: 1, activityTypes: 1, currencies: 1 };

const TIMELINES: Partial<Record<StreamName, TimelineOptions>> = {
  deals: { archivedRate: 0.05, deletedRate: 0.02, purgedRate: 0.01, dealStatus: true },
  persons: { deletedRate: 0.01, purgedRate: 0.005 },
  organizations: { deletedRate: 0.01 },
  activities: { deletedRate: 0.01 },
  leads: { archivedRate: 0.06, milliseconds: true },
  notes: { deletedRate: 0.01 },
  products: { deletedRate: 0.02 },
  files: { deletedRate: 0.01 },
};

function resolveCounts(counts: DatasetCounts = {}): ResolvedCounts {
  const out: Record<string, number> = { ...DEFAULT_COUNTS };
  for (const [key, value] of Object.entries(counts)) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`createDataset: counts.${key} must be a non-negative integer, got ${String(value)}`);
    out[key] = value;
  }
  for (const [key, min] of Object.entries(MINIMUM)) out[key] = Math.max(min ?? 0, out[key] ?? 0);
  out['currencies'] = Math.min(out['currencies'] ?? 1, CURRENCY_LIST.length);
  return out as unknown as ResolvedCounts;
}

function resolveNow(now: CreateDatasetOptions['now']): number {
  if (now === undefined) return startOfUtcDay(Date.now());
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (Number.isNaN(ms)) throw new RangeError(`createDataset: invalid now ${String(now)}`);
  return ms;
}

function staticTable(stream: ServedStream, data: StaticRecords): StreamTable {
  const table = new StreamTable(stream, data.records.length);
  data.addTimes.forEach((t, i) => (table.addTime[i + 1] = t));
  data.updateTimes.forEach((t, i) => (table.updateTime[i + 1] = t));
  table.size = data.records.length;
  return table;
}

function optionSequence(start: number): { next(): number } {
  let id = start;
  return { next: () => id++ };
}

function labelOptions(ids: { next(): number }, labels: readonly string[]): FieldOption[] {
  const colors = ['red', 'yellow', 'blue', 'green', 'purple'];
  return labels.map((label, i) => ({ id: ids.next(), label, color: colors[i % colors.length] ?? null }));
}

/**
 * Creates a deterministic, realistic Pipedrive account: same seed (and `now`), same data. Large streams are never
 * materialised: each record is derived from `(seed, stream, id)` when asked for, so a million deals cost a few
 * typed arrays.
 *
 * @example
 * const dataset = createDataset({ seed: 42, counts: { deals: 1_000_000 } });
 * dataset.get('deals', 1_000_000)?.title;
 */
export function createDataset(options: CreateDatasetOptions = {}): Dataset {
  const seed = seedToInt(options.seed ?? 1);
  const counts = resolveCounts(options.counts);
  const now = resolveNow(options.now);

  const optionIds = optionSequence(1);
  const builtinOptions: BuiltinOptions = {
    dealLabels: labelOptions(optionIds, ['Hot', 'Warm', 'Cold', 'Strategic']),
    personLabels: labelOptions(optionIds, ['Customer', 'Prospect', 'Partner']),
    organizationLabels: labelOptions(optionIds, ['Customer', 'Prospect', 'Competitor']),
    channels: labelOptions(optionIds, ['Paid search', 'Referral', 'Events', 'Cold outreach']),
    industries: labelOptions(optionIds, ['Software', 'Manufacturing', 'Retail', 'Finance', 'Healthcare']),
  };
  const customIds = optionSequence(100);
  const customFields: Record<CustomFieldEntity, CustomFieldDef[]> = {
    deal: buildCustomFields(seed, 'deal', customIds, now),
    person: buildCustomFields(seed, 'person', customIds, now),
    organization: buildCustomFields(seed, 'organization', customIds, now),
    product: buildCustomFields(seed, 'product', customIds, now),
  };

  const currencyRecords = buildCurrencies(counts.currencies, now);
  const currencies = currencyRecords.records.map((c) => c.code as string);
  const users = buildUsers(seed, counts.users, now, currencies[0] ?? 'EUR');
  const userIds = users.records.map((u) => u.id as number);
  const { pipelines, stages } = buildPipelines(seed, counts.pipelines, counts.stagesPerPipeline, now);
  const activityTypes = buildActivityTypes(seed, counts.activityTypes, now);
  const leadLabels = buildLeadLabels(seed, counts.leadLabels, now);
  const filters = buildFilters(seed, counts.filters, now, userIds);
  const catalogs = {
    deal_fields: buildFieldCatalog('deal', customFields.deal, builtinOptions),
    person_fields: buildFieldCatalog('person', customFields.person, builtinOptions),
    organization_fields: buildFieldCatalog('organization', customFields.organization, builtinOptions),
    // Served by GET /api/v2/productFields only: not a dataset stream.
    product_fields: buildFieldCatalog('product', customFields.product, builtinOptions),
  };
  const catalogData = (records: ApiRecord[]): StaticRecords => ({ records, addTimes: records.map(() => now), updateTimes: records.map(() => now) });

  const tables = {} as Record<StreamName, StreamTable>;
  for (const stream of ['deals', 'persons', 'organizations', 'activities', 'leads', 'notes', 'products', 'files'] as const) {
    const table = new StreamTable(stream, counts[stream]);
    fillTimeline(table, seed, STREAM_CODE[stream], counts[stream], now, TIMELINES[stream]);
    tables[stream] = table;
  }
  const statics: Record<string, StaticRecords> = {
    pipelines,
    stages,
    users,
    activity_types: activityTypes,
    lead_labels: leadLabels,
    filters,
    currencies: currencyRecords,
    deal_fields: catalogData(catalogs.deal_fields),
    person_fields: catalogData(catalogs.person_fields),
    organization_fields: catalogData(catalogs.organization_fields),
  };
  for (const [stream, data] of Object.entries(statics)) tables[stream as StreamName] = staticTable(stream as StreamName, data);

  const ctx: GenContext = {
    seed,
    now,
    counts,
    refs: { userIds, organizations: counts.organizations, persons: counts.persons, currencies },
    userIds,
    customFields,
    builtinOptions,
    pipelines: pipelines.records.map((p) => ({ id: p.id as number, stageIds: stages.records.filter((s) => s.pipeline_id === p.id).map((s) => s.id as number) })),
    activityTypeKeys: activityTypes.records.map((t) => t.key_string as string),
    leadLabelIds: leadLabels.records.map((l) => l.id as string),
    currencies,
    tables,
  };

  const models: Record<StreamName, StreamModel> = {
    deals: writtenModel('deals', tables.deals, (i, w) => writeDeal(ctx, i, w)),
    persons: writtenModel('persons', tables.persons, (i, w) => writePerson(ctx, i, w)),
    organizations: writtenModel('organizations', tables.organizations, (i, w) => writeOrganization(ctx, i, w)),
    activities: integerModel('activities', tables.activities, true, (i) => buildActivity(ctx, i)),
    notes: integerModel('notes', tables.notes, true, (i) => buildNote(ctx, i)),
    products: writtenModel('products', tables.products, (i, w) => writeProduct(ctx, i, w)),
    files: integerModel('files', tables.files, true, (i) => buildFile(ctx, i)),
    leads: {
      name: 'leads',
      table: tables.leads,
      mutable: true,
      build: (i) => buildLead(ctx, i),
      apiId: (i) => indexedUuid(seed, 'leads', i),
      indexOf: (id) => uuidIndex(seed, 'leads', id, tables.leads.size),
    },
    users: integerModel('users', tables.users, false, (i) => users.records[i - 1] as ApiRecord, USER_ID_OFFSET),
    pipelines: staticModel('pipelines', tables.pipelines, pipelines.records, 'id'),
    stages: staticModel('stages', tables.stages, stages.records, 'id'),
    activity_types: staticModel('activity_types', tables.activity_types, activityTypes.records, 'id'),
    lead_labels: staticModel('lead_labels', tables.lead_labels, leadLabels.records, 'id'),
    filters: staticModel('filters', tables.filters, filters.records, 'id'),
    currencies: staticModel('currencies', tables.currencies, currencyRecords.records, 'id'),
    deal_fields: staticModel('deal_fields', tables.deal_fields, catalogs.deal_fields, 'field_code'),
    person_fields: staticModel('person_fields', tables.person_fields, catalogs.person_fields, 'field_code'),
    organization_fields: staticModel('organization_fields', tables.organization_fields, catalogs.organization_fields, 'field_code'),
  };

  const productFieldsTable = staticTable('product_fields', catalogData(catalogs.product_fields));
  const served = { product_fields: staticModel('product_fields', productFieldsTable, catalogs.product_fields, 'field_code') };

  return new GeneratedDataset(seed, now, counts, ctx, models, served);
}
