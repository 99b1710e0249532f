/** v1 files: metadata of uploads attached to deals, persons, organizations, products, activities or leads. */
import type { GenContext } from '../context.js';
import { dealLinks, dealTitle, fullName, leadTitle, organizationName, personOrganization, productName } from '../names.js';
import { FLAG_DELETED } from '../table.js';
import type { ApiRecord } from '../types.js';
import { v1Time } from '../../internal/time.js';
import { FILE_NAMES } from '../words.js';
import { baseRng, indexedUuid, mutableRng } from './common.js';

const FILE_TYPES: Record<string, string> = { pdf: 'pdf', xlsx: 'xls', png: 'img', docx: 'doc' };

/**
 * Builds file `index` in the v1 shape.
 *
 * @example
 * buildFile(ctx, 1); // { id: 1, file_name: 'proposal.pdf', deal_id: 4, deal_name: '...', ... }
 */
export function buildFile(ctx: GenContext, index: number): ApiRecord {
  const table = ctx.tables.files;
  const revision = table.revision(index);
  const base = baseRng(ctx, 'files', index);
  const rng = mutableRng(ctx, 'files', index, revision);
  const { deals, persons, organizations, products, activities, leads } = ctx.counts;
  const r = base.next();
  let dealId: number | null = null;
  let personId: number | null = null;
  let orgId: number | null = null;
  let productId: number | null = null;
  let activityId: number | null = null;
  let leadIndex: number | null = null;
  if (deals > 0 && r < 0.5) {
    dealId = 1 + base.int(deals);
    ({ personId, orgId } = dealLinks(ctx, dealId));
  } else if (persons > 0 && r < 0.65) {
    personId = 1 + base.int(persons);
    orgId = personOrganization(ctx, personId);
  } else if (organizations > 0 && r < 0.75) {
    orgId = 1 + base.int(organizations);
  } else if (products > 0 && r < 0.85) {
    productId = 1 + base.int(products);
  } else if (activities > 0 && r < 0.92) {
    activityId = 1 + base.int(activities);
  } else if (leads > 0) {
    leadIndex = 1 + base.int(leads);
  }
  const fileName = base.pick(FILE_NAMES);
  const extension = fileName.split('.').pop() ?? 'pdf';
  const label = fileName.replace(/\.[a-z]+$/, '').replace(/[-_]/g, ' ');
  return {
    id: index,
    user_id: base.pick(ctx.userIds),
    deal_id: dealId,
    person_id: personId,
    org_id: orgId,
    product_id: productId,
    activity_id: activityId,
    lead_id: leadIndex === null ? null : indexedUuid(ctx.seed, 'leads', leadIndex),
    project_id: null,
    log_id: null,
    add_time: v1Time(table.addTime[index] as number),
    update_time: v1Time(table.updateTime[index] as number),
    file_name: `${index}_${fileName}`,
    file_type: FILE_TYPES[extension] ?? 'other',
    file_size: rng.range(2_000, 9_000_000),
    active_flag: ((table.flags[index] as number) & FLAG_DELETED) === 0,
    inline_flag: false,
    remote_location: 's3',
    remote_id: '',
    cid: '',
    s3_bucket: '',
    mail_message_id: '',
    mail_template_id: '',
    deal_name: dealId === null ? '' : dealTitle(ctx, dealId),
    person_name: personId === null ? '' : fullName(ctx.seed, personId),
    org_name: orgId === null ? '' : organizationName(ctx.seed, orgId),
    product_name: productId === null ? '' : productName(ctx.seed, productId),
    lead_name: leadIndex === null ? '' : leadTitle(ctx, leadIndex),
    project_name: '',
    url: `https://example.pipedrive.com/v1/files/${index}/download`,
    name: label.charAt(0).toUpperCase() + label.slice(1),
    description: rng.chance(0.3) ? 'Uploaded from the deal view' : '',
  };
}
