/** v2 persons. */
import { addressValue, writeWithCustomFields } from '../custom-field-values.js';
import type { GenContext } from '../context.js';
import { asciiHandle, personName, personOrganization } from '../names.js';
import { FLAG_DELETED } from '../table.js';
import type { ApiRecord } from '../types.js';
import type { JsonWriter } from '../../internal/json-writer.js';
import { DAY_MS, isoDate, v2Time } from '../../internal/time.js';
import { NOTE_SENTENCES } from '../words.js';
import { baseRng, customRng, mutableRng, someOf } from './common.js';

const JOB_TITLES = ['CEO', 'CFO', 'Head of Sales', 'Procurement Manager', 'IT Director', 'Office Manager', 'Engineer', 'Consultant'] as const;

/**
 * Writes person `index` in the v2 shape, as JSON: its fields through `JSON.stringify`, its custom fields
 * straight from their draws (the model's `build` parses what this writes).
 *
 * @example
 * const w = new JsonWriter();
 * writePerson(ctx, 1, w);
 * JSON.parse(w.text()); // { id: 1, name: 'Anna Tamm', emails: [...], org_id: 3, ... }
 */
export function writePerson(ctx: GenContext, index: number, w: JsonWriter): void {
  const table = ctx.tables.persons;
  const revision = table.revision(index);
  const base = baseRng(ctx, 'persons', index);
  const rng = mutableRng(ctx, 'persons', index, revision);
  const { first, last } = personName(ctx.seed, index);
  const handle = asciiHandle(`${first}.${last}`);
  const phone = `+372 5${base.range(100, 999)} ${base.range(1000, 9999)}`;
  const hasSecondEmail = base.chance(0.3);
  const fields: ApiRecord = {
    id: index,
    name: `${first} ${last}`,
    first_name: first,
    last_name: last,
    owner_id: base.pick(ctx.userIds),
    org_id: personOrganization(ctx, index),
    add_time: v2Time(table.addTime[index] as number),
    update_time: v2Time(table.updateTime[index] as number),
    emails: [
      { value: `${handle}${index}@example.com`, primary: true, label: 'work' },
      ...(hasSecondEmail ? [{ value: `${handle}@mail.example.org`, primary: false, label: 'home' }] : []),
    ],
    phones: [{ value: phone, primary: true, label: rng.chance(0.5) ? 'mobile' : 'work' }],
    is_deleted: ((table.flags[index] as number) & FLAG_DELETED) !== 0,
    visible_to: base.chance(0.8) ? 3 : 7,
    label_ids: someOf(base, ctx.builtinOptions.personLabels.map((o) => o.id), 1),
    picture_id: 5000 + index,
    postal_address: addressValue(base),
    notes: rng.pick(NOTE_SENTENCES),
    im: [{ value: handle, primary: true, label: base.chance(0.5) ? 'skype' : 'whatsapp' }],
    birthday: isoDate(ctx.now - base.range(22 * 365, 65 * 365) * DAY_MS),
    job_title: rng.pick(JOB_TITLES),
  };
  writeWithCustomFields(w, fields, ctx.customFields.person, customRng(ctx, 'persons', index, revision), ctx.refs, ctx.now);
}
