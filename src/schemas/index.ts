export { activitySchema, type Activity } from './activity.js';
export { activityTypeSchema, type ActivityType } from './activity-type.js';
export { addressSchema, type Address } from './address.js';
export { currencySchema, type Currency } from './currency.js';
export { customFieldValues } from './custom-field-values.js';
export { dealSchema, type Deal } from './deal.js';
export {
  fieldSchema,
  type Field,
  type DealField,
  type PersonField,
  type OrganizationField,
} from './field.js';
export { fileSchema, type PipedriveFile } from './file.js';
export { filterSchema, type Filter } from './filter.js';
export { leadSchema, type Lead } from './lead.js';
export { leadLabelSchema, type LeadLabel } from './lead-label.js';
export { noteSchema, type Note } from './note.js';
export {
  nullishBoolean,
  nullishGuid,
  nullishInt,
  nullishIntList,
  nullishNumber,
  nullishString,
} from './nullish.js';
export { organizationSchema, type Organization } from './organization.js';
export { personSchema, type Person } from './person.js';
export { pipelineSchema, type Pipeline } from './pipeline.js';
export { productSchema, type Product } from './product.js';
export { stageSchema, type Stage } from './stage.js';
export { isTimestamp, nullableTimestamp, parseTimestamp, timestamp } from './timestamp.js';
export { userSchema, type User } from './user.js';
export { isFlagSet, nullishV1Flag, v1Flag } from './v1-flag.js';
export { timestampMs } from './timestamp-ms.js';
