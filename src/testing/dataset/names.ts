/** Cheap, deterministic names and links, computable without building whole records (notes and files need them). */
import { hash32, Rng } from '../internal/rng.js';
import { STREAM_CODE, type GenContext } from './context.js';
import { COMPANY_KINDS, COMPANY_STEMS, COMPANY_SUFFIXES, DEAL_TOPICS, FIRST_NAMES, LAST_NAMES, PRODUCT_NAMES } from './words.js';

const NAME_SALT = 0x4e41;
const LINK_SALT = 0x11c;

/**
 * A person's first and last name.
 *
 * @example
 * personName(seed, 3); // { first: 'Anna', last: 'Tamm' }
 */
export function personName(seed: number, index: number): { first: string; last: string } {
  const rng = new Rng(hash32(seed, STREAM_CODE.persons, index, NAME_SALT));
  return { first: rng.pick(FIRST_NAMES), last: rng.pick(LAST_NAMES) };
}

/**
 * An organization's name.
 *
 * @example
 * organizationName(seed, 3); // 'Acme Labs Ltd'
 */
export function organizationName(seed: number, index: number): string {
  const rng = new Rng(hash32(seed, STREAM_CODE.organizations, index, NAME_SALT));
  return `${rng.pick(COMPANY_STEMS)} ${rng.pick(COMPANY_KINDS)} ${rng.pick(COMPANY_SUFFIXES)}`;
}

/**
 * A product's name.
 *
 * @example
 * productName(seed, 3); // 'Team plan'
 */
export function productName(seed: number, index: number): string {
  const rng = new Rng(hash32(seed, STREAM_CODE.products, index, NAME_SALT));
  return `${rng.pick(PRODUCT_NAMES)}${index > PRODUCT_NAMES.length ? ` ${rng.range(2, 9)}` : ''}`;
}

/**
 * The organization a person works for (every person has one when organizations exist).
 *
 * @example
 * personOrganization(ctx, 12); // 7
 */
export function personOrganization(ctx: GenContext, index: number): number | null {
  const orgs = ctx.counts.organizations;
  return orgs > 0 ? 1 + (hash32(ctx.seed, STREAM_CODE.persons, index, LINK_SALT) % orgs) : null;
}

/**
 * The person and organization a deal is linked to (either may be null, as in real accounts).
 *
 * @example
 * dealLinks(ctx, 1); // { personId: 3, orgId: 39 }
 */
export function dealLinks(ctx: GenContext, index: number): { personId: number | null; orgId: number | null } {
  const h = hash32(ctx.seed, STREAM_CODE.deals, index, LINK_SALT);
  const persons = ctx.counts.persons;
  const personId = persons > 0 && h % 10 !== 0 ? 1 + ((h >>> 4) % persons) : null;
  if (personId !== null) return { personId, orgId: personOrganization(ctx, personId) };
  const orgs = ctx.counts.organizations;
  return { personId: null, orgId: orgs > 0 && h % 7 !== 0 ? 1 + ((h >>> 8) % orgs) : null };
}

/**
 * A deal's title: its organization (or person) and what it is about. `links` saves working them out again when the
 * caller has them.
 *
 * @example
 * dealTitle(ctx, 1); // 'Globex Textiles GmbH upsell'
 */
export function dealTitle(ctx: GenContext, index: number, links = dealLinks(ctx, index)): string {
  const rng = new Rng(hash32(ctx.seed, STREAM_CODE.deals, index, NAME_SALT));
  const { personId, orgId } = links;
  const who = orgId !== null ? organizationName(ctx.seed, orgId) : personId !== null ? fullName(ctx.seed, personId) : 'Inbound';
  return `${who} ${rng.pick(DEAL_TOPICS)}`;
}

/**
 * A lead's title.
 *
 * @example
 * leadTitle(ctx, 1); // 'Aperture lead: consulting retainer'
 */
export function leadTitle(ctx: GenContext, index: number): string {
  const rng = new Rng(hash32(ctx.seed, STREAM_CODE.leads, index, NAME_SALT));
  return `${rng.pick(COMPANY_STEMS)} lead: ${rng.pick(DEAL_TOPICS)}`;
}

/**
 * "First Last".
 *
 * @example
 * fullName(seed, 3); // 'Anna Tamm'
 */
export function fullName(seed: number, index: number): string {
  const { first, last } = personName(seed, index);
  return `${first} ${last}`;
}

/**
 * A company user's display name and email (user `index`, 1-based).
 *
 * @example
 * userProfile(seed, 1).email; // 'yusuf.chen1@example.com'
 */
export function userProfile(seed: number, index: number): { name: string; email: string; iconUrl: string | null } {
  const rng = new Rng(hash32(seed, STREAM_CODE.users, index, NAME_SALT));
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const email = asciiHandle(`${first}.${last}`);
  return { name: `${first} ${last}`, email: `${email}${index}@example.com`, iconUrl: rng.chance(0.5) ? `https://example.com/avatars/${index}.png` : null };
}

/**
 * Lower-case ASCII form of a name, for emails and handles.
 *
 * @example
 * asciiHandle('Tomás.O’Brien'); // 'tomas.obrien'
 */
export function asciiHandle(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z.]/g, '');
}
