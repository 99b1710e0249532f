/** v2 activities, linked to deals, persons, organizations or leads. */
import { addressValue } from '../custom-field-values.js';
import { hash32, Rng } from '../../internal/rng.js';
import { STREAM_CODE, type GenContext } from '../context.js';
import { dealLinks, personOrganization } from '../names.js';
import { FLAG_DELETED } from '../table.js';
import type { ApiRecord } from '../types.js';
import { DAY_MS, isoDate, v2Time } from '../../internal/time.js';
import { ACTIVITY_SUBJECTS, NOTE_SENTENCES } from '../words.js';
import { baseRng, between, indexedUuid, mutableRng } from './common.js';

const LINK_SALT = 0x11c;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * What an activity is attached to.
 *
 * @example
 * activityLinks(ctx, 1); // { dealId: 17, leadId: null, personId: 3, orgId: 39 }
 */
export function activityLinks(ctx: GenContext, index: number): { dealId: number | null; leadId: string | null; personId: number | null; orgId: number | null } {
  const base = new Rng(hash32(ctx.seed, STREAM_CODE.activities, index, LINK_SALT));
  const { deals, leads, persons } = ctx.counts;
  const r = base.next();
  if (deals > 0 && r < 0.7) {
    const dealId = 1 + base.int(deals);
    const links = dealLinks(ctx, dealId);
    return { dealId, leadId: null, personId: links.personId, orgId: links.orgId };
  }
  if (leads > 0 && r < 0.8) return { dealId: null, leadId: indexedUuid(ctx.seed, 'leads', 1 + base.int(leads)), personId: null, orgId: null };
  const personId = persons > 0 ? 1 + base.int(persons) : null;
  return { dealId: null, leadId: null, personId, orgId: personId === null ? null : personOrganization(ctx, personId) };
}

/**
 * Builds activity `index` in the v2 shape.
 *
 * @example
 * buildActivity(ctx, 1); // { id: 1, subject: 'Demo', type: 'meeting', deal_id: 17, ... }
 */
export function buildActivity(ctx: GenContext, index: number): ApiRecord {
  const table = ctx.tables.activities;
  const revision = table.revision(index);
  const links = activityLinks(ctx, index);
  const base = baseRng(ctx, 'activities', index);
  const rng = mutableRng(ctx, 'activities', index, revision);
  const add = table.addTime[index] as number;
  const update = table.updateTime[index] as number;
  const type = base.pick(ctx.activityTypeKeys);
  const owner = base.pick(ctx.userIds);
  const done = rng.chance(0.6);
  const due = add + rng.range(-2, 30) * DAY_MS;
  const isMeeting = type === 'meeting' || type === 'lunch';
  const online = isMeeting && base.chance(0.5);
  return {
    id: index,
    subject: `${rng.pick(ACTIVITY_SUBJECTS)}`,
    type,
    owner_id: owner,
    creator_user_id: base.chance(0.8) ? owner : base.pick(ctx.userIds),
    is_deleted: ((table.flags[index] as number) & FLAG_DELETED) !== 0,
    add_time: v2Time(add),
    update_time: v2Time(update),
    deal_id: links.dealId,
    lead_id: links.leadId,
    person_id: links.personId,
    org_id: links.orgId,
    project_id: null,
    due_date: isoDate(due),
    due_time: `${pad2(rng.range(8, 17))}:${pad2(rng.pick([0, 30]))}:00`,
    duration: isMeeting ? '01:00:00' : '00:30:00',
    busy: isMeeting,
    done,
    marked_as_done_time: done ? v2Time(between(rng, add, update)) : null,
    location: isMeeting && !online ? addressValue(base) : null,
    participants: links.personId === null ? [] : [{ person_id: links.personId, primary: true }],
    attendees: [],
    conference_meeting_client: online ? 'google_meet' : null,
    conference_meeting_url: online ? `https://meet.example.com/${index.toString(36)}` : null,
    conference_meeting_id: online ? index.toString(36) : null,
    public_description: '',
    priority: rng.pick([0, 1, 2]),
    note: rng.chance(0.5) ? `<p>${rng.pick(NOTE_SENTENCES)}</p>` : '',
  };
}
