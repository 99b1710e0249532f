/**
 * Custom fields under readable names: one deal raw next to its decoded form, then a sync that keeps the
 * name map in its state.
 *
 *   npx tsx examples/custom-field-names.ts                                    # against the built-in fake
 *   PIPEDRIVE_API_TOKEN=... PIPEDRIVE_DOMAIN=mycompany npx tsx examples/custom-field-names.ts
 *
 * Pipedrive keys custom fields by 40-character hashes (`dcf558aa...`) and stores enum and set values as
 * option ids. With `customFields: 'named'` (on deals, persons, organizations, products and leads, and in
 * `sync`) they come under names made from their display names (`deal_source`), with option labels
 * (`'Web'` instead of `12`) and named composite values (`{ amount, currency }`). Nothing is lost:
 * `custom_fields_raw` keeps every value in the wire form.
 *
 * Names must not change under your columns when someone renames a field in Pipedrive, so they are fixed
 * the first time a field is seen and kept in a name map (`{ [stream]: { [fieldKey]: name } }`). `sync`
 * stores that map in its state as `customFieldNames`: persist the state as usual, pass it back, and a
 * renamed field keeps its first name. See docs/custom-fields.md for the rules.
 */
import type { Deal, NamedRecord, Pipedrive, SyncOptions, SyncState } from '../src/index.js';
import { connect, runIfMain } from './shared.js';

/**
 * Options of {@link showCustomFieldNames}: where to print, the state of an earlier run, plus any sync option.
 *
 * @example
 * await showCustomFieldNames(pd, { state: JSON.parse(await readFile('state.json', 'utf8')) });
 */
export interface CustomFieldNamesOptions extends Omit<SyncOptions, 'state'> {
  /** The state of an earlier run: its `customFieldNames` keep the names of that run. @default none */
  state?: SyncState | string | null;
  /** Where the side-by-side view goes. @default console.log */
  print?: (line: string) => void;
}

/**
 * What {@link showCustomFieldNames} found: the deal it showed, both ways, and what the sync delivered.
 *
 * @example
 * const { raw, named, names } = await showCustomFieldNames(pd);
 * console.log(names[key], raw.custom_fields?.[key], named[names[key]!]);
 */
export interface CustomFieldNamesResult {
  /** The deal as Pipedrive sends it (custom fields in `custom_fields`, keyed by hash). */
  raw: Deal;
  /** The same deal read with `customFields: 'named'`. */
  named: NamedRecord<Deal>;
  /** Field key to name, for deals (`pd.customFieldNames().deals`). */
  names: Record<string, string>;
  /** The deals the sync delivered (named records). */
  synced: Record<string, unknown>[];
  /** The sync's last checkpoint: `state.customFieldNames` holds the names for the next run. */
  state: SyncState | undefined;
}

/** Sync options with the custom-field options of `sync` (typed here so this file reads the same whether or not your SDK version declares them). */
type NamedSyncOptions = SyncOptions & { customFields: 'named' };

/**
 * Prints one deal raw next to its decoded form, then syncs deals with `customFields: 'named'` and shows
 * the name map the sync keeps in its state.
 *
 * @example
 * const pd = new Pipedrive({ apiToken: process.env.PIPEDRIVE_API_TOKEN!, domain: 'mycompany' });
 * const { state } = await showCustomFieldNames(pd);
 * await writeFile('state.json', JSON.stringify(state)); // customFieldNames included
 */
export async function showCustomFieldNames(pd: Pipedrive, options: CustomFieldNamesOptions = {}): Promise<CustomFieldNamesResult> {
  const { state, print = console.log, ...syncOptions } = options;
  const saved = typeof state === 'string' ? (JSON.parse(state) as SyncState) : (state ?? undefined);

  // 1. One page of deals as Pipedrive sends them; pick the one with the most custom values set.
  let raw: Deal | undefined;
  for await (const page of pd.deals({ archived: 'exclude', pageSize: 50 }).pages()) {
    const filled = (deal: Deal) => Object.values(deal.custom_fields ?? {}).filter((v) => v !== null).length;
    raw = [...page.items].sort((a, b) => filled(b) - filled(a))[0];
    break; // one page is enough
  }
  if (!raw) throw new Error('The account has no deals to show.');

  // 2. The same deal, named. The list has no "by id" filter, so read until it comes by (it is on the first
  //    page unless the list changed in between). Names from an earlier run are passed back in.
  let named: NamedRecord<Deal> | undefined;
  for await (const deal of pd.deals({ archived: 'exclude', pageSize: 50, customFields: 'named', customFieldNames: saved?.customFieldNames ?? {} })) {
    if (deal.id === raw.id) {
      named = deal;
      break;
    }
  }
  if (!named) throw new Error(`Deal ${raw.id} disappeared between the two reads; run again.`);

  // 3. Side by side: for each custom field, its name, its key, the raw value and the decoded one.
  const names = pd.customFieldNames()['deals'] ?? {};
  const rawValues = (raw.custom_fields ?? {}) as Record<string, unknown>;
  const decoded = named as unknown as Record<string, unknown>;
  const show = (value: unknown) => (value === undefined ? '-' : JSON.stringify(value));
  print(`deal ${raw.id} "${raw.title}"`);
  print(`${'name'.padEnd(22)} ${'key'.padEnd(10)} ${'raw'.padEnd(40)} named`);
  for (const [key, name] of Object.entries(names)) {
    print(`${name.padEnd(22)} ${`${key.slice(0, 8)}..`.padEnd(10)} ${show(rawValues[key]).slice(0, 40).padEnd(40)} ${show(decoded[name]).slice(0, 60)}`);
  }
  if (named.custom_fields_deleted_options) print(`options that no longer exist: ${JSON.stringify(named.custom_fields_deleted_options)}`);

  // 4. A sync of deals with named custom fields. Its checkpoints carry `customFieldNames`; persisting the
  //    state persists the names with it, and passing the state back keeps them.
  const syncRequest: NamedSyncOptions = { streams: { deals: {} }, ...syncOptions, customFields: 'named', state: saved ?? null };
  const synced: Record<string, unknown>[] = [];
  let last: SyncState | undefined;
  for await (const msg of pd.sync(syncRequest)) {
    if (msg.type === 'record' && msg.stream === 'deals') synced.push(msg.record);
    if (msg.type === 'checkpoint') last = msg.state;
  }
  const kept = last?.customFieldNames?.['deals'];
  print(`sync: ${synced.length} deals; the state keeps ${kept ? Object.keys(kept).length : 0} deal field names`);
  if (kept) print(JSON.stringify(kept, null, 2));
  return { raw, named, names, synced, state: last };
}

async function main(): Promise<void> {
  const connection = await connect();
  try {
    console.log(`reading ${connection.source}`);
    const first = await showCustomFieldNames(connection.pd, { anchorDate: '2000-01-01' });
    if (connection.fake) {
      // A second run from the saved state: only changed deals come, under the same names.
      connection.fake.mutate({ update: { deals: 3 } });
      const second = await showCustomFieldNames(connection.pd, { state: JSON.stringify(first.state), print: () => {} });
      console.log(`run 2: ${second.synced.length} changed deals, names unchanged: ${JSON.stringify(second.state?.customFieldNames) === JSON.stringify(first.state?.customFieldNames)}`);
    }
  } finally {
    await connection.close();
  }
}

runIfMain(import.meta.url, main);
