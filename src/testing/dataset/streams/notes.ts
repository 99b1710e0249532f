/** v1 notes: attached to a deal, person, organization or lead, with the v1 related objects. */
import type { GenContext } from '../context.js';
import { dealLinks, dealTitle, fullName, leadTitle, organizationName, personOrganization, userProfile } from '../names.js';
import { FLAG_DELETED } from '../table.js';
import type { ApiRecord } from '../types.js';
import { v1Time } from '../../internal/time.js';
import { NOTE_SENTENCES } from '../words.js';
import { baseRng, indexedUuid, mutableRng } from './common.js';

/**
 * Which records a note or file hangs on.
 *
 * @example
 * const { dealId, personId } = noteAttachment(ctx, 1);
 */
export interface Attachment {
  dealId: number | null;
  personId: number | null;
  orgId: number | null;
  leadIndex: number | null;
}

/**
 * Picks what a note is attached to; deals carry their person and organization along.
 *
 * @example
 * noteAttachment(ctx, 1); // { dealId: 60, personId: 100, orgId: 52, leadIndex: null }
 */
export function noteAttachment(ctx: GenContext, index: number): Attachment {
  const base = baseRng(ctx, 'notes', index);
  const { deals, persons, organizations, leads } = ctx.counts;
  const r = base.next();
  if (deals > 0 && r < 0.5) {
    const dealId = 1 + base.int(deals);
    const links = dealLinks(ctx, dealId);
    return { dealId, personId: links.personId, orgId: links.orgId, leadIndex: null };
  }
  if (persons > 0 && r < 0.7) {
    const personId = 1 + base.int(persons);
    return { dealId: null, personId, orgId: personOrganization(ctx, personId), leadIndex: null };
  }
  if (organizations > 0 && r < 0.85) return { dealId: null, personId: null, orgId: 1 + base.int(organizations), leadIndex: null };
  if (leads > 0) return { dealId: null, personId: null, orgId: null, leadIndex: 1 + base.int(leads) };
  return { dealId: null, personId: null, orgId: organizations > 0 ? 1 : null, leadIndex: null };
}

/**
 * Builds note `index` in the v1 shape.
 *
 * @example
 * buildNote(ctx, 1); // { id: 1, content: '<p>...</p>', deal_id: 12, deal: { title: '...' }, add_time: '2025-03-01 10:20:30', ... }
 */
export function buildNote(ctx: GenContext, index: number): ApiRecord {
  const table = ctx.tables.notes;
  const revision = table.revision(index);
  const at = noteAttachment(ctx, index);
  const rng = mutableRng(ctx, 'notes', index, revision);
  const userIndex = 1 + (index % ctx.userIds.length);
  const user = userProfile(ctx.seed, userIndex);
  const editor = revision > 0 ? rng.pick(ctx.userIds) : (ctx.userIds[userIndex - 1] as number);
  return {
    id: index,
    user_id: ctx.userIds[userIndex - 1],
    deal_id: at.dealId,
    person_id: at.personId,
    org_id: at.orgId,
    lead_id: at.leadIndex === null ? null : indexedUuid(ctx.seed, 'leads', at.leadIndex),
    project_id: null,
    task_id: null,
    content: `<p>${rng.pick(NOTE_SENTENCES)}</p><p>${rng.pick(NOTE_SENTENCES)}</p>`,
    add_time: v1Time(table.addTime[index] as number),
    update_time: v1Time(table.updateTime[index] as number),
    active_flag: ((table.flags[index] as number) & FLAG_DELETED) === 0,
    pinned_to_deal_flag: at.dealId !== null && rng.chance(0.1),
    pinned_to_organization_flag: false,
    pinned_to_person_flag: false,
    pinned_to_lead_flag: false,
    pinned_to_project_flag: false,
    pinned_to_task_flag: false,
    last_update_user_id: editor,
    organization: at.orgId === null ? null : { name: organizationName(ctx.seed, at.orgId) },
    person: at.personId === null ? null : { name: fullName(ctx.seed, at.personId) },
    deal: at.dealId === null ? null : { title: dealTitle(ctx, at.dealId) },
    lead: at.leadIndex === null ? null : { title: leadTitle(ctx, at.leadIndex) },
    project: null,
    task: null,
    user: { email: user.email, name: user.name, icon_url: user.iconUrl ?? '', is_you: userIndex === 1 },
  };
}
