import * as z from 'zod';
import { nullishBoolean, nullishInt, nullishIntList, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';

/** One option of an `enum` or `set` field: the `id` stored in records, and its `label`. */
const fieldOptionSchema = z.looseObject({
  id: z.union([z.int(), z.string()]).nullish(),
  label: nullishString,
  color: nullishString,
  add_time: nullableTimestamp,
  update_time: nullableTimestamp,
});

/** One part of a composite field (monetary value and currency, address parts...). */
const subfieldSchema = z.looseObject({
  field_code: nullishString,
  field_name: nullishString,
  field_type: nullishString,
});

/** Whether a field shows in one of the add dialogs, and where. */
const dialogVisibilitySchema = z.looseObject({
  show: nullishBoolean,
  order: nullishInt,
});

/** Where the field shows in the UI (keys differ per entity; all are optional). */
const uiVisibilitySchema = z.looseObject({
  add_visible_flag: nullishBoolean,
  details_visible_flag: nullishBoolean,
  projects_detail_visible_flag: nullishBoolean,
  org_detail_visible_flag: nullishBoolean,
  person_detail_visible_flag: nullishBoolean,
  deal_detail_visible_flag: nullishBoolean,
  show_in_pipelines: z
    .looseObject({ show_in_all: nullishBoolean, pipeline_ids: nullishIntList })
    .nullish(),
  show_in_add_deal_dialog: dialogVisibilitySchema.nullish(),
  show_in_add_person_dialog: dialogVisibilitySchema.nullish(),
});

/**
 * One custom or built-in field definition of the `deal_fields`, `person_fields` and
 * `organization_fields` streams: an item of `data` in v2 `GET /dealFields`, `GET /personFields` and
 * `GET /organizationFields` (one shape for all three). These records have no `id`: the key is
 * `field_code` (the 40-hex hash for custom fields). Loose: new keys are kept.
 *
 * @example
 * const field = fieldSchema.parse({ field_code: 'value', field_name: 'Value', field_type: 'monetary' });
 * field.field_type; // 'monetary'
 */
export const fieldSchema = z.looseObject({
  field_code: z.string(),
  field_name: nullishString,
  field_type: nullishString,
  description: nullishString,
  options: z.array(fieldOptionSchema).nullish(),
  subfields: z.array(subfieldSchema).nullish(),
  is_custom_field: nullishBoolean,
  is_optional_response_field: nullishBoolean,
  ui_visibility: uiVisibilitySchema.nullish(),
  important_fields: z.looseObject({ enabled: nullishBoolean, stage_ids: nullishIntList }).nullish(),
  required_fields: z
    .looseObject({
      enabled: nullishBoolean,
      stage_ids: nullishIntList,
      /** Pipeline id to the deal statuses (`won`, `lost`) at which the field is required. */
      statuses: z.record(z.string(), z.array(z.string()).nullish()).nullish(),
    })
    .nullish(),
});

/**
 * A field definition (v2), as parsed by {@link fieldSchema}: any of deal, person or organization fields.
 *
 * @example
 * const fields: Field[] = await pd.dealFields().toArray();
 * const custom = fields.filter((f) => f.is_custom_field);
 */
export type Field = z.infer<typeof fieldSchema>;

/**
 * A record of the `deal_fields` stream (v2 `GET /dealFields`); same shape as {@link Field}.
 *
 * @example
 * const byCode = new Map((await pd.dealFields().toArray()).map((f: DealField) => [f.field_code, f]));
 */
export type DealField = Field;

/**
 * A record of the `person_fields` stream (v2 `GET /personFields`); same shape as {@link Field}.
 *
 * @example
 * const phone = (await pd.personFields().toArray()).find((f: PersonField) => f.field_code === 'phone');
 */
export type PersonField = Field;

/**
 * A record of the `organization_fields` stream (v2 `GET /organizationFields`); same shape as {@link Field}.
 *
 * @example
 * const address = (await pd.organizationFields().toArray()).find((f: OrganizationField) => f.field_type === 'address');
 */
export type OrganizationField = Field;
