/** Custom field catalogs: deterministic 40-hex keys, every user-creatable type, options and subfields. */
import { hash32, hexWords, Rng } from '../internal/rng.js';
import { DAY_MS } from '../internal/time.js';
import type { CustomFieldEntity, CustomFieldInfo } from './types.js';

/**
 * Every user-creatable custom field type.
 *
 * @example
 * const type: CustomFieldType = 'monetary';
 */
export type CustomFieldType =
  | 'varchar' | 'text' | 'double' | 'monetary' | 'enum' | 'set' | 'date' | 'daterange'
  | 'time' | 'timerange' | 'address' | 'user' | 'org' | 'people' | 'phone';

/**
 * An option of an enum or set field.
 *
 * @example
 * const option: FieldOption = { id: 101, label: 'High', color: 'red' };
 */
export interface FieldOption {
  id: number;
  label: string;
  color: string | null;
}

/**
 * A custom field definition with what the generator needs.
 *
 * @example
 * ctx.customFields.deal.find((d) => d.type === 'enum')?.options;
 */
export interface CustomFieldDef extends CustomFieldInfo {
  readonly type: CustomFieldType;
  readonly options: readonly FieldOption[];
  /** Share of records holding a value. */
  readonly fillRate: number;
  readonly description: string;
  readonly addTime: number;
  readonly updateTime: number;
}

interface Template {
  name: string;
  type: CustomFieldType;
  labels?: string[];
  deletedOption?: boolean;
}

const TEMPLATES: Record<CustomFieldEntity, Template[]> = {
  deal: [
    { name: 'Referral code', type: 'varchar' },
    { name: 'Deal notes', type: 'text' },
    { name: 'Discount %', type: 'double' },
    { name: 'Contract value', type: 'monetary' },
    { name: 'Priority', type: 'enum', labels: ['Low', 'Medium', 'High'], deletedOption: true },
    { name: 'Products of interest', type: 'set', labels: ['CRM', 'Analytics', 'Support', 'Hardware', 'Training'] },
    { name: 'Contract start', type: 'date' },
    { name: 'Contract period', type: 'daterange' },
    { name: 'Preferred call time', type: 'time' },
    { name: 'Support hours', type: 'timerange' },
    { name: 'Billing address', type: 'address' },
    { name: 'Account manager', type: 'user' },
    { name: 'Partner company', type: 'org' },
    { name: 'Champion', type: 'people' },
    { name: 'Direct line', type: 'phone' },
    // Named like the built-in "Title" field.
    { name: 'Title', type: 'varchar' },
    // Two fields sharing one name.
    { name: 'Region', type: 'varchar' },
    { name: 'Region', type: 'enum', labels: ['EMEA', 'Americas', 'APAC'] },
  ],
  person: [
    { name: 'Nickname', type: 'varchar' },
    { name: 'Bio', type: 'text' },
    { name: 'Lead score', type: 'double' },
    { name: 'Expected spend', type: 'monetary' },
    { name: 'Seniority', type: 'enum', labels: ['Junior', 'Mid', 'Senior', 'C-level'] },
    { name: 'Interests', type: 'set', labels: ['Webinars', 'Newsletter', 'Events', 'Beta programme'] },
    { name: 'First contact', type: 'date' },
    { name: 'Availability', type: 'daterange' },
    { name: 'Best time to call', type: 'time' },
    { name: 'Office hours', type: 'timerange' },
    { name: 'Home address', type: 'address' },
    { name: 'Relationship owner', type: 'user' },
    { name: 'Previous employer', type: 'org' },
    { name: 'Assistant', type: 'people' },
    { name: 'Private mobile', type: 'phone' },
  ],
  organization: [
    { name: 'VAT number', type: 'varchar' },
    { name: 'Company profile', type: 'text' },
    { name: 'Credit score', type: 'double' },
    { name: 'Annual budget', type: 'monetary' },
    { name: 'Tier', type: 'enum', labels: ['Bronze', 'Silver', 'Gold', 'Platinum'] },
    { name: 'Industries', type: 'set', labels: ['Finance', 'Retail', 'Manufacturing', 'Public sector', 'Healthcare'] },
    { name: 'Customer since', type: 'date' },
    { name: 'Fiscal year', type: 'daterange' },
    { name: 'Daily cut-off', type: 'time' },
    { name: 'Opening hours', type: 'timerange' },
    { name: 'Headquarters', type: 'address' },
    { name: 'Key account manager', type: 'user' },
    { name: 'Parent company', type: 'org' },
    { name: 'Main contact', type: 'people' },
    { name: 'Switchboard', type: 'phone' },
  ],
  product: [
    { name: 'SKU suffix', type: 'varchar' },
    { name: 'Spec sheet', type: 'text' },
    { name: 'Weight (kg)', type: 'double' },
    { name: 'Old list price', type: 'monetary' },
    { name: 'Product line', type: 'enum', labels: ['Core', 'Add-on', 'Legacy'] },
    { name: 'Compatible with', type: 'set', labels: ['Windows', 'macOS', 'Linux', 'iOS', 'Android'] },
    { name: 'Launch date', type: 'date' },
    { name: 'Promo period', type: 'daterange' },
    { name: 'Dispatch cut-off', type: 'time' },
    { name: 'Hotline hours', type: 'timerange' },
    { name: 'Warehouse', type: 'address' },
    { name: 'Product manager', type: 'user' },
    { name: 'Manufacturer', type: 'org' },
    { name: 'Supplier contact', type: 'people' },
    { name: 'Supplier hotline', type: 'phone' },
  ],
};

const ENTITY_CODE: Record<CustomFieldEntity, number> = { deal: 11, person: 12, organization: 13, product: 14 };
const COLORS = ['green', 'yellow', 'red', 'blue', 'purple', null] as const;

/**
 * Hands out option ids in creation order, like Pipedrive's global option sequence.
 *
 * @example
 * let id = 100; const ids: OptionIdSequence = { next: () => id++ };
 */
export interface OptionIdSequence {
  next(): number;
}

/**
 * Builds the custom field catalog of one entity.
 *
 * @example
 * const defs = buildCustomFields(seed, 'deal', seq, nowMs);
 */
export function buildCustomFields(seed: number, entity: CustomFieldEntity, ids: OptionIdSequence, now: number): CustomFieldDef[] {
  const rng = new Rng(hash32(seed, ENTITY_CODE[entity], 0xf1e1d));
  return TEMPLATES[entity].map((template, index) => {
    const code = hexWords(5, (w) => hash32(seed, ENTITY_CODE[entity], index + 1, w + 1));
    const options: FieldOption[] = (template.labels ?? []).map((label, i) => ({ id: ids.next(), label, color: COLORS[i % COLORS.length] ?? null }));
    const deletedOptionId = template.deletedOption ? ids.next() : undefined;
    const addTime = now - (700 - index * 3) * DAY_MS + rng.int(DAY_MS);
    const def: CustomFieldDef = {
      code,
      name: template.name,
      type: template.type,
      options,
      fillRate: 0.55 + rng.next() * 0.4,
      description: `${template.name} (${template.type})`,
      addTime,
      updateTime: addTime + rng.int(300) * DAY_MS,
    };
    return deletedOptionId === undefined ? def : { ...def, deletedOptionId };
  });
}

/**
 * The v1 subfield suffixes of a composite custom field, for the field catalog's `subfields`.
 *
 * @example
 * subfieldsOf(monetaryDef); // [{ field_code: '<key>', ... }, { field_code: '<key>_currency', ... }]
 */
export function subfieldsOf(def: CustomFieldDef): Array<{ field_code: string; field_name: string; field_type: string }> | null {
  const sub = (suffix: string, label: string, type: string) => ({ field_code: suffix ? `${def.code}_${suffix}` : def.code, field_name: `${label} of ${def.name}`, field_type: type });
  switch (def.type) {
    case 'monetary':
      return [sub('', 'Amount', 'double'), sub('currency', 'Currency', 'varchar')];
    case 'daterange':
      return [sub('', 'Start', 'date'), sub('until', 'End', 'date')];
    case 'time':
      return [sub('', 'Time', 'time'), sub('timezone_id', 'Time zone', 'int')];
    case 'timerange':
      return [sub('', 'Start', 'time'), sub('until', 'End', 'time'), sub('timezone_id', 'Time zone', 'int')];
    case 'address':
      return ['', 'subpremise', 'street_number', 'route', 'sublocality', 'locality', 'admin_area_level_1', 'admin_area_level_2', 'country', 'postal_code', 'formatted_address'].map((s) =>
        sub(s, s === '' ? 'Address' : s.replaceAll('_', ' '), 'varchar'),
      );
    default:
      return null;
  }
}
