import { describe, expect, it } from 'vitest';
import { selfTimes } from '../../bench/lib/profile-summary.js';
import { formatCount, formatMb, formatPercent, formatRatio, interleave, markdownTable, median, minimalRequests, perSecond } from '../../bench/lib/stats.js';

describe('bench helpers', () => {
  it('takes the median of odd and even counts, NaN when empty', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('does not reorder the array it takes the median of', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('rotates the modes by one per repetition, so each runs in every position', () => {
    const modes = ['a', 'b', 'c'];
    expect([0, 1, 2, 3].map((rep) => interleave(modes, rep))).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c', 'a'],
      ['c', 'a', 'b'],
      ['a', 'b', 'c'],
    ]);
    expect(interleave([], 2)).toEqual([]);
  });

  it('counts at least one request per endpoint and one per full page, records and deletes together', () => {
    const paging = { deals: { pageSize: 500, parts: 4 }, files: { pageSize: 100, parts: 1 }, users: { pageSize: undefined, parts: 1 } };
    expect(
      minimalRequests(
        [
          { stream: 'deals', records: 1001, deletes: 0 }, // 3 pages, but 4 endpoints
          { stream: 'files', records: 950, deletes: 50 }, // exactly 10 pages
          { stream: 'users', records: 6, deletes: 0 }, // unpaginated
        ],
        paging,
      ),
    ).toBe(4 + 10 + 1);
    expect(minimalRequests([{ stream: 'deals', records: 5000, deletes: 1 }], paging)).toBe(11);
    expect(() => minimalRequests([{ stream: 'notes', records: 1, deletes: 0 }], paging)).toThrow(/notes/);
  });

  it('buckets times per whole second from the start, empty seconds included', () => {
    expect(perSecond([0, 100, 1500, 2100], 0)).toEqual([2, 1, 1]);
    expect(perSecond([5000, 7200], 5000)).toEqual([1, 0, 1]);
    expect(perSecond([], 0)).toEqual([]);
  });

  it('formats ratios, shares, megabytes and counts', () => {
    expect(formatRatio(1.234)).toBe('1.23x');
    expect(formatRatio(Number.NaN)).toBe('n/a');
    expect(formatPercent(0.934)).toBe('93%');
    expect(formatMb(52_428_800)).toBe('50 MB');
    expect(formatCount(20_000)).toBe('20k');
    expect(formatCount(1_000_000)).toBe('1M');
    expect(formatCount(1_500_000)).toBe('1.5M');
    expect(formatCount(999)).toBe('999');
  });

  it('renders a Markdown table', () => {
    expect(markdownTable(['a', 'b'], [['1', '2']])).toBe('| a | b |\n|---|---|\n| 1 | 2 |');
  });

  it('sums the self time of a CPU profile per function, heaviest first', () => {
    const frame = (functionName: string, url: string, lineNumber: number) => ({ functionName, url, lineNumber });
    const shares = selfTimes({
      nodes: [
        { id: 1, callFrame: frame('(root)', '', 0), hitCount: 0 },
        { id: 2, callFrame: frame('parse', 'file:///x/node_modules/zod/v4/core/schemas.js', 9), hitCount: 3 },
        { id: 3, callFrame: frame('parse', 'file:///x/node_modules/zod/v4/core/schemas.js', 9), hitCount: 3 },
        { id: 4, callFrame: frame('', 'file:///x/src/a.ts', 0), hitCount: 2 },
      ],
    });
    expect(shares[0]).toEqual(['parse (zod/v4/core/schemas.js:10)', 0.75]);
    expect(shares[1]).toEqual(['(anonymous) (src/a.ts:1)', 0.25]);
  });
});
