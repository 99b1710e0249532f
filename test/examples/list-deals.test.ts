import { afterEach, describe, expect, it } from 'vitest';
import { listDeals } from '../../examples/list-deals.js';
import { startFake, type FakeSetup } from '../support/fake.js';

let setup: FakeSetup | undefined;
afterEach(async () => {
  await setup?.close();
  setup = undefined;
});

describe('examples/list-deals.ts', () => {
  it('prints every deal changed since the date, archived ones included', async () => {
    setup = await startFake({ seed: 3, counts: { deals: 300 } });
    const lines: string[] = [];
    const count = await listDeals(setup.client(), '2000-01-01', (line) => lines.push(line));
    const listed = [...setup.fake.dataset.records('deals')].filter((d) => !d['is_deleted']);
    expect(count).toBe(listed.length);
    expect(lines.filter((l) => l.includes('\tarchived\t'))).toHaveLength(listed.filter((d) => d['is_archived']).length);
  });
});
