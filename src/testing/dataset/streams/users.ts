/** v1 users: the company's seats, with v1 timestamps. */
import { hash32, Rng } from '../../internal/rng.js';
import { DAY_MS, toSecond, v1Time } from '../../internal/time.js';
import { STREAM_CODE } from '../context.js';
import { userProfile } from '../names.js';
import { PLACES } from '../words.js';
import { indexedUuid } from './common.js';
import type { StaticRecords } from './pipelines.js';

/**
 * User ids look like real ones: 8 digits.
 *
 * @example
 * dataset.get('users', USER_ID_OFFSET + 1); // the first user
 */
export const USER_ID_OFFSET = 10_000_000;

/**
 * Generates `count` users; the first one created the company and is the token's owner (`is_you`).
 *
 * @example
 * buildUsers(seed, 6, now, 'EUR').records[0]; // { id: 10000001, is_you: true, ... }
 */
export function buildUsers(seed: number, count: number, now: number, currency: string): StaticRecords {
  const rng = new Rng(hash32(seed, STREAM_CODE.users, 0x05e));
  const out: StaticRecords = { records: [], addTimes: [], updateTimes: [] };
  for (let i = 1; i <= count; i++) {
    const profile = userProfile(seed, i);
    const created = toSecond(now - (800 - i * 30) * DAY_MS + rng.int(DAY_MS));
    const modified = toSecond(created + rng.int(Math.max(1, Math.floor((now - created) / 1000))) * 1000);
    const place = rng.pick(PLACES);
    const admin = i === 1;
    const active = i === 1 || i < count || count < 3;
    out.records.push({
      id: USER_ID_OFFSET + i,
      name: profile.name,
      default_currency: currency,
      locale: 'en_US',
      lang: 1,
      email: profile.email,
      phone: rng.chance(0.5) ? `+372 5${rng.range(100, 999)} ${rng.range(1000, 9999)}` : null,
      activated: true,
      last_login: v1Time(toSecond(now - rng.int(20) * DAY_MS - rng.int(DAY_MS))),
      created: v1Time(created),
      modified: v1Time(modified),
      has_created_company: admin,
      access: [
        { app: 'sales', admin, permission_set_id: indexedUuid(seed, 'users', 1000 + (admin ? 1 : 2)) },
        { app: 'global', admin, permission_set_id: indexedUuid(seed, 'users', 2000 + (admin ? 1 : 2)) },
      ],
      active_flag: active,
      timezone_name: place.tz,
      timezone_offset: '+02:00',
      role_id: 1,
      icon_url: profile.iconUrl,
      is_you: i === 1,
      is_deleted: false,
    });
    out.addTimes.push(created);
    out.updateTimes.push(modified);
  }
  return out;
}
