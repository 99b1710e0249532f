/** v2 field catalogs (/dealFields, /personFields, /organizationFields, /productFields): built-in fields, then custom ones. */
import { v2Time } from '../../internal/time.js';
import { subfieldsOf, type CustomFieldDef, type FieldOption } from '../custom-field-catalog.js';
import type { BuiltinOptions } from '../context.js';
import type { ApiRecord } from '../types.js';
import { PRODUCT_CATEGORIES } from '../words.js';

/**
 * Entities with a served field catalog.
 *
 * @example
 * buildFieldCatalog('person' satisfies CatalogEntity, customs, options);
 */
export type CatalogEntity = 'deal' | 'person' | 'organization' | 'product';

interface Builtin {
  code: string;
  name: string;
  type: string;
  options?: ReadonlyArray<{ id: number | string; label: string; color?: string | null }>;
  subfields?: Array<{ field_code: string; field_name: string; field_type: string }>;
}

const VISIBILITY = [
  { id: 1, label: 'Owner & followers' },
  { id: 3, label: 'Entire company' },
  { id: 5, label: 'Owner\'s visibility group' },
  { id: 7, label: 'Owner\'s visibility group and sub-groups' },
];

// Built-in option ids are strings (the spec: "integer for custom fields, string for built-in fields"), equal to the
// values product records hold.
const PRODUCT_CATEGORY_OPTIONS = PRODUCT_CATEGORIES.map((label) => ({ id: label, label }));
const BILLING_FREQUENCIES = [
  { id: 'one-time', label: 'One-time' },
  { id: 'annually', label: 'Annually' },
  { id: 'semi-annually', label: 'Semi-annually' },
  { id: 'quarterly', label: 'Quarterly' },
  { id: 'monthly', label: 'Monthly' },
  { id: 'weekly', label: 'Weekly' },
];

function builtins(entity: CatalogEntity, options: BuiltinOptions): Builtin[] {
  switch (entity) {
    case 'deal':
      return [
        { code: 'id', name: 'ID', type: 'int' },
        { code: 'title', name: 'Title', type: 'varchar' },
        { code: 'creator_user_id', name: 'Creator', type: 'user' },
        { code: 'owner_id', name: 'Owner', type: 'user' },
        {
          code: 'value',
          name: 'Value',
          type: 'monetary',
          subfields: [
            { field_code: 'value', field_name: 'Amount of Value', field_type: 'double' },
            { field_code: 'currency', field_name: 'Currency of Value', field_type: 'varchar' },
          ],
        },
        { code: 'person_id', name: 'Contact person', type: 'people' },
        { code: 'org_id', name: 'Organization', type: 'org' },
        { code: 'pipeline_id', name: 'Pipeline', type: 'int' },
        { code: 'stage_id', name: 'Stage', type: 'stage' },
        {
          code: 'status',
          name: 'Status',
          type: 'status',
          options: [
            { id: 'open', label: 'Open' },
            { id: 'won', label: 'Won' },
            { id: 'lost', label: 'Lost' },
            { id: 'deleted', label: 'Deleted' },
          ],
        },
        { code: 'probability', name: 'Deal probability', type: 'double' },
        { code: 'lost_reason', name: 'Lost reason', type: 'varchar_options' },
        { code: 'visible_to', name: 'Visible to', type: 'visible_to', options: VISIBILITY },
        { code: 'add_time', name: 'Deal created', type: 'date' },
        { code: 'update_time', name: 'Update time', type: 'date' },
        { code: 'stage_change_time', name: 'Last stage change', type: 'date' },
        { code: 'close_time', name: 'Deal closed on', type: 'date' },
        { code: 'won_time', name: 'Won time', type: 'date' },
        { code: 'lost_time', name: 'Lost time', type: 'date' },
        { code: 'expected_close_date', name: 'Expected close date', type: 'date' },
        { code: 'label_ids', name: 'Label', type: 'set', options: options.dealLabels },
        { code: 'origin', name: 'Source origin', type: 'varchar' },
        { code: 'channel', name: 'Source channel', type: 'enum', options: options.channels },
        { code: 'channel_id', name: 'Source channel ID', type: 'varchar' },
        { code: 'is_archived', name: 'Archived', type: 'boolean' },
        { code: 'archive_time', name: 'Archive time', type: 'date' },
      ];
    case 'person':
      return [
        { code: 'id', name: 'ID', type: 'int' },
        { code: 'name', name: 'Name', type: 'varchar' },
        { code: 'first_name', name: 'First name', type: 'varchar' },
        { code: 'last_name', name: 'Last name', type: 'varchar' },
        { code: 'owner_id', name: 'Owner', type: 'user' },
        { code: 'org_id', name: 'Organization', type: 'org' },
        { code: 'emails', name: 'Email', type: 'varchar' },
        { code: 'phones', name: 'Phone', type: 'phone' },
        { code: 'label_ids', name: 'Labels', type: 'set', options: options.personLabels },
        { code: 'visible_to', name: 'Visible to', type: 'visible_to', options: VISIBILITY },
        { code: 'job_title', name: 'Job title', type: 'varchar' },
        { code: 'birthday', name: 'Birthday', type: 'date' },
        { code: 'postal_address', name: 'Postal address', type: 'address' },
        { code: 'notes', name: 'Notes', type: 'text' },
        { code: 'add_time', name: 'Person created', type: 'date' },
        { code: 'update_time', name: 'Update time', type: 'date' },
      ];
    case 'organization':
      return [
        { code: 'id', name: 'ID', type: 'int' },
        { code: 'name', name: 'Name', type: 'varchar' },
        { code: 'owner_id', name: 'Owner', type: 'user' },
        { code: 'address', name: 'Address', type: 'address' },
        { code: 'label_ids', name: 'Labels', type: 'set', options: options.organizationLabels },
        { code: 'visible_to', name: 'Visible to', type: 'visible_to', options: VISIBILITY },
        { code: 'website', name: 'Website', type: 'varchar' },
        { code: 'linkedin', name: 'LinkedIn profile', type: 'varchar' },
        { code: 'industry', name: 'Industry', type: 'enum', options: options.industries },
        { code: 'annual_revenue', name: 'Annual revenue', type: 'int' },
        { code: 'employee_count', name: 'Number of employees', type: 'int' },
        { code: 'add_time', name: 'Organization created', type: 'date' },
        { code: 'update_time', name: 'Update time', type: 'date' },
      ];
    case 'product':
      return [
        { code: 'id', name: 'ID', type: 'int' },
        { code: 'name', name: 'Name', type: 'varchar' },
        { code: 'code', name: 'Product code', type: 'varchar' },
        { code: 'description', name: 'Description', type: 'text' },
        { code: 'unit', name: 'Unit', type: 'varchar' },
        { code: 'tax', name: 'Tax %', type: 'double' },
        { code: 'category', name: 'Category', type: 'enum', options: PRODUCT_CATEGORY_OPTIONS },
        { code: 'is_linkable', name: 'Can be added to deals', type: 'boolean' },
        { code: 'owner_id', name: 'Owner', type: 'user' },
        { code: 'visible_to', name: 'Visible to', type: 'visible_to', options: VISIBILITY },
        { code: 'prices', name: 'Unit prices', type: 'price_list' },
        { code: 'billing_frequency', name: 'Billing frequency', type: 'billing_frequency', options: BILLING_FREQUENCIES },
        { code: 'billing_frequency_cycles', name: 'Billing cycles', type: 'int' },
        { code: 'add_time', name: 'Product created', type: 'date' },
        { code: 'update_time', name: 'Update time', type: 'date' },
      ];
  }
}

function uiVisibility(entity: CatalogEntity, index: number): ApiRecord {
  const shown = { show: index < 6, order: index < 6 ? index + 1 : null };
  switch (entity) {
    case 'deal':
      return { add_visible_flag: true, details_visible_flag: true, projects_detail_visible_flag: false, show_in_pipelines: { show_in_all: true, pipeline_ids: [] } };
    case 'person':
      return { add_visible_flag: true, details_visible_flag: true, show_in_add_deal_dialog: shown };
    case 'organization':
      return {
        add_visible_flag: true,
        details_visible_flag: true,
        org_detail_visible_flag: true,
        person_detail_visible_flag: false,
        deal_detail_visible_flag: false,
        show_in_add_deal_dialog: shown,
        show_in_add_person_dialog: shown,
      };
    case 'product':
      // Products have the spec's simpler visibility model: the two flags only ("name" is always in the add modal).
      return { add_visible_flag: (index >= 1 && index <= 7) || (index >= 100 && index < 103), details_visible_flag: true };
  }
}

/** A field's `description`: the product catalog's schema has none, the others do. */
function describe(entity: CatalogEntity, description: string): ApiRecord {
  return entity === 'product' ? {} : { description };
}

/** The optional namespaces of one field: products have `ui_visibility` only, the other entities all three. */
function namespaces(entity: CatalogEntity, index: number, important: boolean): ApiRecord {
  const ui_visibility = uiVisibility(entity, index);
  if (entity === 'product') return { ui_visibility };
  return {
    ui_visibility,
    important_fields: { enabled: important, stage_ids: [] },
    required_fields: entity === 'deal' ? { enabled: false, stage_ids: [], statuses: {} } : { enabled: false },
  };
}

function optionsOf(options: ReadonlyArray<{ id: number | string; label: string; color?: string | null }>, add: number | null, update: number | null): ApiRecord[] {
  return options.map((o) => ({ id: o.id, label: o.label, color: o.color ?? null, add_time: add === null ? null : v2Time(add), update_time: update === null ? null : v2Time(update) }));
}

/**
 * The catalog of one entity in the v2 shape, with every optional namespace its endpoint knows (`ui_visibility`,
 * `important_fields`, `required_fields`; products only `ui_visibility`); the server strips the namespaces a request
 * did not ask for.
 *
 * @example
 * buildFieldCatalog('deal', customs, builtinOptions).map((f) => f.field_code);
 */
export function buildFieldCatalog(entity: CatalogEntity, customs: readonly CustomFieldDef[], options: BuiltinOptions): ApiRecord[] {
  const out: ApiRecord[] = [];
  builtins(entity, options).forEach((field, i) => {
    out.push({
      field_name: field.name,
      field_code: field.code,
      ...describe(entity, `Built-in field: ${field.name}`),
      field_type: field.type,
      options: field.options ? optionsOf(field.options, null, null) : null,
      subfields: field.subfields ?? null,
      is_custom_field: false,
      is_optional_response_field: false,
      ...namespaces(entity, i, false),
    });
  });
  customs.forEach((def, i) => {
    out.push({
      field_name: def.name,
      field_code: def.code,
      ...describe(entity, def.description),
      field_type: def.type,
      options: def.type === 'enum' || def.type === 'set' ? optionsOf(def.options as readonly FieldOption[], def.addTime, def.updateTime) : null,
      subfields: subfieldsOf(def),
      is_custom_field: true,
      is_optional_response_field: false,
      ...namespaces(entity, 100 + i, i === 0),
    });
  });
  return out;
}

/**
 * Optional namespaces of a field object, served only when `include_fields` names them.
 *
 * @example
 * for (const ns of FIELD_NAMESPACES) delete field[ns];
 */
export const FIELD_NAMESPACES = ['ui_visibility', 'important_fields', 'required_fields'] as const;
