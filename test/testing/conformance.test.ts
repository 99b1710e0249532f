import { beforeAll, describe, expect, it } from 'vitest';
import { createDataset, createFakePipedrive, ENDPOINTS, type Endpoint, type FakePipedrive } from '../../src/testing/index.js';
import { get } from './helpers.js';
import { ResponseValidator, type Relaxation } from './openapi.js';

/**
 * Where the live API returns null (or another format) although the spec does not allow it. Every entry cites
 * `pipedrive-api-notes.md` or the spec's own example; the fake produces spec-valid values everywhere else.
 */
const nullable = (...paths: string[]): Relaxation[] => paths.map((path) => ({ path, kind: 'nullable' }));
const LIVE_DEVIATIONS: Record<string, Relaxation[]> = {
  // Notes: "next_cursor on the last page" is null.
  'v2 *': nullable('additional_data.next_cursor'),
  // Notes: "a deal's person_id or org_id when none is linked, won_time / lost_time on an open deal".
  'v2 /deals': nullable('data[].person_id', 'data[].org_id', 'data[].won_time', 'data[].lost_time'),
  'v2 /deals/archived': nullable('data[].person_id', 'data[].org_id', 'data[].won_time', 'data[].lost_time'),
  // Same rule for activities' links (null when none is linked) and "many optional strings" / objects left unset.
  'v2 /activities': nullable(
    'data[].deal_id',
    'data[].lead_id',
    'data[].person_id',
    'data[].org_id',
    'data[].project_id',
    'data[].marked_as_done_time',
    'data[].location',
    'data[].conference_meeting_client',
    'data[].conference_meeting_url',
    'data[].conference_meeting_id',
  ),
  // v1 notes and files: ids and related objects are null when nothing of that kind is linked.
  'v1 /notes': nullable(
    'data[].deal_id',
    'data[].person_id',
    'data[].org_id',
    'data[].lead_id',
    'data[].project_id',
    'data[].task_id',
    'data[].deal',
    'data[].person',
    'data[].organization',
    'data[].project',
    'data[].task',
  ),
  'v1 /files': nullable('data[].deal_id', 'data[].person_id', 'data[].org_id', 'data[].product_id', 'data[].activity_id', 'data[].lead_id', 'data[].project_id'),
  // The spec's own example gives activity types v1 times ("2019-10-04 16:24:55") although the schema says date-time.
  'v1 /activityTypes': [
    { path: 'data[].add_time', kind: 'any-format' },
    { path: 'data[].update_time', kind: 'any-format' },
  ],
};

const REQUIRED = [
  'v2 /deals', 'v2 /deals/archived', 'v2 /persons', 'v2 /organizations', 'v2 /activities', 'v2 /products', 'v2 /pipelines',
  'v2 /stages', 'v2 /dealFields', 'v2 /personFields', 'v2 /organizationFields', 'v2 /productFields', 'v1 /leads', 'v1 /leads/archived', 'v1 /notes',
  'v1 /files', 'v1 /users', 'v1 /activityTypes', 'v1 /filters', 'v1 /currencies', 'v1 /leadLabels',
];

const key = (e: Endpoint): string => `${e.version} ${e.path}`;
const prefix = (e: Endpoint): string => (e.version === 'v2' ? '/api/v2' : '/api/v1');

/** Every page of an endpoint at its largest page size, with extra query parameters. */
function allPages(fake: FakePipedrive, e: Endpoint, extra = ''): any[] {
  const bodies: any[] = [];
  if (e.pagination === 'none') return [get(fake, `${prefix(e)}${e.path}?${extra}`).body];
  let next: string | null = `${prefix(e)}${e.path}?limit=${e.maxLimit}${extra ? `&${extra}` : ''}`;
  while (next !== null) {
    const answer = get(fake, next);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    bodies.push(answer.body);
    const current: string = next;
    next = null;
    const more = e.pagination === 'cursor' ? answer.body.additional_data.next_cursor : null;
    if (more) next = `${current.replace(/&cursor=[^&]*/, '')}&cursor=${more}`;
    const paging = answer.body.additional_data?.pagination ?? answer.body.additional_data;
    if (e.pagination === 'offset' && paging.more_items_in_collection) {
      const start = paging.next_start ?? paging.start + paging.limit;
      next = `${current.replace(/&start=\d+/, '')}&start=${start}`;
    }
  }
  return bodies;
}

describe('conformance with the OpenAPI specs', () => {
  let validator: ResponseValidator;
  let fake: FakePipedrive;

  beforeAll(() => {
    validator = new ResponseValidator();
    fake = createFakePipedrive({ dataset: createDataset({ seed: 7, counts: { deals: 1200, leads: 600, notes: 700, files: 250 } }) });
  });

  it('serves every required endpoint, and nothing the table does not name', () => {
    expect(ENDPOINTS.map(key).sort()).toEqual([...REQUIRED].sort());
  });

  it.each(ENDPOINTS.map((e) => [key(e), e] as const))('%s charges the x-token-cost and caps limit as the spec says', (_name, e) => {
    const op = validator.operation(e.version, e.path);
    expect(e.tokenCost).toBe(op['x-token-cost']);
    const limit = (op.parameters ?? []).find((p: any) => p.name === 'limit');
    if (e.pagination === 'none') {
      expect(limit).toBeUndefined();
      return;
    }
    const documented = limit?.schema?.maximum ?? Number(/maximum value of (\d+)/.exec(limit?.description ?? '')?.[1] ?? 500);
    expect(e.maxLimit).toBe(documented);
  });

  it.each(ENDPOINTS.map((e) => [key(e), e] as const))('%s: every page validates against the 200 response schema', (_name, e) => {
    const relaxations = [...(e.version === 'v2' ? (LIVE_DEVIATIONS['v2 *'] ?? []) : []), ...(LIVE_DEVIATIONS[key(e)] ?? [])];
    const validate = validator.compile(e.version, e.path, relaxations);
    const bodies = allPages(fake, e);
    expect(bodies.flatMap((b) => b.data).length).toBeGreaterThan(0);
    for (const body of bodies) expect(validate(body) ? [] : validate.errors?.slice(0, 5)).toEqual([]);
  });

  it.each(ENDPOINTS.filter((e) => e.optionLabels).map((e) => [key(e), e] as const))('%s with include_option_labels=true validates too', (_name, e) => {
    const validate = validator.compile(e.version, e.path, [...(LIVE_DEVIATIONS['v2 *'] ?? []), ...(LIVE_DEVIATIONS[key(e)] ?? [])]);
    for (const body of allPages(fake, e, 'include_option_labels=true&include_labels=true')) {
      expect(validate(body) ? [] : validate.errors?.slice(0, 5)).toEqual([]);
    }
  });

  it('field catalogs with every include_fields namespace validate', () => {
    const catalogs = ENDPOINTS.filter((e) => e.fieldNamespaces);
    expect(catalogs.map((e) => e.path)).toEqual(['/dealFields', '/personFields', '/organizationFields', '/productFields']);
    for (const e of catalogs) {
      const validate = validator.compile('v2', e.path, LIVE_DEVIATIONS['v2 *'] ?? []);
      const body = get(fake, `/api/v2${e.path}?limit=500&include_fields=${e.fieldNamespaces!.join(',')}`).body;
      for (const ns of e.fieldNamespaces!) expect(body.data[0], `${e.path} ${ns}`).toHaveProperty(ns);
      expect(validate(body) ? [] : validate.errors?.slice(0, 5)).toEqual([]);
    }
  });

  it('accepts exactly the include_fields namespaces each catalog documents', () => {
    for (const e of ENDPOINTS.filter((x) => x.fieldNamespaces)) {
      const documented: string[] = validator.operation('v2', e.path).parameters.find((p: any) => p.name === 'include_fields').schema.enum;
      // The spec enumerates combinations ("ui_visibility,important_fields"); the single names are the namespaces.
      expect([...e.fieldNamespaces!].sort(), e.path).toEqual(documented.filter((v) => !v.includes(',')).sort());
    }
    expect(get(fake, '/api/v2/productFields?include_fields=important_fields').status).toBe(400);
    expect(get(fake, '/api/v2/productFields?include_fields=required_fields').status).toBe(400);
  });

  it('/productFields carries only the properties getProductFields names, with products\' simpler ui_visibility', () => {
    const item = validator.operation('v2', '/productFields').responses['200'].content['application/json'].schema.properties.data.items;
    const fieldKeys = Object.keys(item.properties);
    const uiKeys = Object.keys(item.properties.ui_visibility.properties);
    const body = get(fake, '/api/v2/productFields?limit=500&include_fields=ui_visibility').body;
    expect(body.data.length).toBeGreaterThan(0);
    for (const field of body.data) {
      expect(fieldKeys, field.field_code).toEqual(expect.arrayContaining(Object.keys(field)));
      expect(uiKeys, field.field_code).toEqual(expect.arrayContaining(Object.keys(field.ui_visibility)));
    }
    expect(body.data.find((f: any) => f.field_code === 'name').ui_visibility).toEqual({ add_visible_flag: true, details_visible_flag: true });
    expect(body.data.map((f: any) => f.field_type)).toEqual(expect.arrayContaining(['price_list', 'billing_frequency', 'visible_to', 'enum', 'set', 'monetary']));
  });

  it('the validator rejects a record of the wrong shape', () => {
    const validate = validator.compile('v2', '/deals', [...(LIVE_DEVIATIONS['v2 *'] ?? []), ...(LIVE_DEVIATIONS['v2 /deals'] ?? [])]);
    const body = get(fake, '/api/v2/deals?limit=2').body;
    expect(validate(body)).toBe(true);
    body.data[1].visible_to = '3';
    expect(validate(body)).toBe(false);
  });

  it('the relaxations are needed: without them the fake answers would not validate', () => {
    const strictDeals = validator.compile('v2', '/deals', []);
    const lastPage = allPages(fake, ENDPOINTS.find((e) => key(e) === 'v2 /deals') as Endpoint).at(-1);
    expect(strictDeals(lastPage)).toBe(false);
  });
});
