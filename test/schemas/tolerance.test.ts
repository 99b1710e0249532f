import { describe, expect, it } from 'vitest';
import { dealSchema, leadSchema, noteSchema, userSchema } from '../../src/schemas/index.js';

const customKey = 'dcf558aac1ae4e8c4f849ba5e668430d8df9be12';

/** A v2 deal as the API sends it for an open deal with nothing linked. */
function openDeal(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 42,
    title: 'Open deal',
    person_id: null,
    org_id: null,
    won_time: null,
    lost_time: null,
    close_time: null,
    expected_close_date: null,
    value: 0,
    status: 'open',
    add_time: '2024-01-01T00:00:00Z',
    update_time: '2024-01-02T10:00:00Z',
    ...overrides,
  };
}

describe('record schemas tolerate what the live API sends', () => {
  it('parses a deal with null person_id, org_id and won_time', () => {
    const result = dealSchema.safeParse(openDeal());
    expect(result.error).toBeUndefined();
    expect(result.data).toMatchObject({ person_id: null, org_id: null, won_time: null });
  });

  it('parses a deal whose optional keys are missing altogether', () => {
    expect(dealSchema.parse({ id: 1 })).toEqual({ id: 1 });
  });

  it('keeps a 40-hex custom field key and a nested custom_fields object', () => {
    const input = openDeal({
      [customKey]: 'v1 style value',
      custom_fields: { [customKey]: { value: 100, currency: 'EUR' }, other: [1, 2] },
    });
    const deal = dealSchema.parse(input);
    expect(deal[customKey]).toBe('v1 style value');
    expect(deal.custom_fields).toEqual({ [customKey]: { value: 100, currency: 'EUR' }, other: [1, 2] });
    expect(deal).toEqual(input);
  });

  it('keeps unknown keys in nested objects', () => {
    const note = noteSchema.parse({ id: 1, user: { name: 'Ann', avatar: 'x.png' } });
    expect(note.user).toEqual({ name: 'Ann', avatar: 'x.png' });
  });

  it('takes an unknown status as a plain string', () => {
    expect(dealSchema.parse(openDeal({ status: 'frozen' })).status).toBe('frozen');
  });

  it('accepts 0/1 as well as booleans for v1 flags', () => {
    const user = userSchema.parse({ id: 1, active_flag: 1, is_you: 0, access: [{ app: 'sales', admin: true }] });
    expect(user.active_flag).toBe(1);
    expect(user.is_you).toBe(0);
  });

  it('accepts a lead with a uuid id and null links', () => {
    const lead = leadSchema.parse({
      id: 'adf21080-0e10-11eb-879b-05d71fb426ec',
      person_id: null,
      organization_id: null,
      value: null,
      update_time: '2020-10-14T11:30:36.551Z',
    });
    expect(lead.id).toBe('adf21080-0e10-11eb-879b-05d71fb426ec');
  });
});

describe('record schemas reject what they cannot key', () => {
  it('fails a deal without id, naming id in the issue path', () => {
    const { id: _id, ...withoutId } = openDeal();
    const result = dealSchema.safeParse(withoutId);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(['id']);
  });

  it('fails a deal whose id is not a number, naming id in the issue path', () => {
    const result = dealSchema.safeParse(openDeal({ id: 'abc' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'invalid_type', path: ['id'] })]);
  });

  it('fails a deal whose id is null', () => {
    expect(dealSchema.safeParse(openDeal({ id: null })).success).toBe(false);
  });

  it('fails a lead whose id is not a uuid', () => {
    const result = leadSchema.safeParse({ id: 'abc' });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['id']]);
  });

  it('fails a bad timestamp string, naming the field', () => {
    const result = dealSchema.safeParse(openDeal({ update_time: '02/01/2024 10:00' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['update_time'] })]);
  });

  it('fails a bad timestamp in a v1 record, naming the field', () => {
    const result = noteSchema.safeParse({ id: 1, update_time: 'not a time' });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['update_time']]);
  });
});
