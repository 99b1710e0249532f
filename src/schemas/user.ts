import * as z from 'zod';
import { nullishInt, nullishString } from './nullish.js';
import { nullableTimestamp } from './timestamp.js';
import { nullishV1Flag } from './v1-flag.js';

/** One app permission of a v1 user (`app` is `sales`, `global`, ... kept as a plain string). */
const userAccessSchema = z.looseObject({
  app: nullishString,
  admin: nullishV1Flag,
  permission_set_id: nullishString,
});

/**
 * One user of the `users` stream: an item of `data` in v1 `GET /users`. `created`, `modified` and
 * `last_login` are `YYYY-MM-DD HH:MM:SS` (UTC); `modified` is the cursor field. Loose: new keys are kept.
 *
 * @example
 * const user = userSchema.parse({ id: 1, name: 'John', modified: '2019-11-21 08:45:56', active_flag: 1 });
 * user.modified; // '2019-11-21 08:45:56'
 */
export const userSchema = z.looseObject({
  id: z.int(),
  name: nullishString,
  default_currency: nullishString,
  locale: nullishString,
  lang: nullishInt,
  email: nullishString,
  phone: nullishString,
  activated: nullishV1Flag,
  last_login: nullableTimestamp,
  created: nullableTimestamp,
  modified: nullableTimestamp,
  has_created_company: nullishV1Flag,
  access: z.array(userAccessSchema).nullish(),
  active_flag: nullishV1Flag,
  timezone_name: nullishString,
  timezone_offset: nullishString,
  role_id: nullishInt,
  icon_url: nullishString,
  is_you: nullishV1Flag,
  is_deleted: nullishV1Flag,
});

/**
 * A user record (v1), as parsed by {@link userSchema}.
 *
 * @example
 * const users: User[] = await pd.users().toArray();
 * const active = users.filter((u) => u.active_flag);
 */
export type User = z.infer<typeof userSchema>;
