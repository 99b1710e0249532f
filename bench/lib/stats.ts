/** Small, pure helpers of the benchmarks: medians, ratios, the physical floor of a sync, formatting. */

/**
 * The median of `values` (the mean of the two middle values for an even count); NaN when empty.
 *
 * @example
 * median([3, 1, 2]); // 2
 * median([4, 1, 3, 2]); // 2.5
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The order in which repetition `rep` runs the modes: rotated by one per repetition, so every mode runs
 * early and late as often as the others (interleaving, against drift of a noisy machine).
 *
 * @example
 * interleave(['a', 'b', 'c'], 1); // ['b', 'c', 'a']
 */
export function interleave<T>(modes: readonly T[], rep: number): T[] {
  if (modes.length === 0) return [];
  const shift = ((rep % modes.length) + modes.length) % modes.length;
  return [...modes.slice(shift), ...modes.slice(0, shift)];
}

/** What a finished stream reported (the `stream_end` message of a sync). */
export interface StreamEndCounts {
  stream: string;
  records: number;
  deletes: number;
}

/** Page size and number of endpoints ("parts") one stream reads in a full sync. */
export interface StreamPaging {
  /** Records per page, or undefined for unpaginated lists (one request). */
  pageSize: number | undefined;
  /** Endpoints read (main, archived, deleted...): each needs at least one request. */
  parts: number;
}

/**
 * The fewest requests that can deliver what a sync delivered: per stream, at least one request per
 * endpoint and at least `ceil(items / pageSize)`. A lower bound (records of different endpoints of one
 * stream are counted together), so the floor it gives is never too generous.
 *
 * @example
 * minimalRequests([{ stream: 'deals', records: 1001, deletes: 0 }], { deals: { pageSize: 500, parts: 4 } }); // 4
 */
export function minimalRequests(ends: readonly StreamEndCounts[], paging: Readonly<Record<string, StreamPaging>>): number {
  let total = 0;
  for (const end of ends) {
    const spec = paging[end.stream];
    if (!spec) throw new Error(`minimalRequests: no paging for stream ${end.stream}`);
    const items = end.records + end.deletes;
    const pages = spec.pageSize === undefined ? 1 : Math.ceil(items / spec.pageSize);
    total += Math.max(spec.parts, pages);
  }
  return total;
}

/**
 * Counts of `times` (ms, any origin) per whole second since `start`.
 *
 * @example
 * perSecond([0, 100, 1500, 2100], 0); // [2, 1, 1]
 */
export function perSecond(times: readonly number[], start: number): number[] {
  const out: number[] = [];
  for (const time of times) {
    const second = Math.max(0, Math.floor((time - start) / 1000));
    while (out.length <= second) out.push(0);
    out[second]! += 1;
  }
  return out;
}

/**
 * A ratio as text with two decimals and an `x`, or `n/a`.
 *
 * @example
 * formatRatio(1.234); // '1.23x'
 */
export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}

/**
 * A share as a whole percentage, or `n/a`.
 *
 * @example
 * formatPercent(0.934); // '93%'
 */
export function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value * 100)}%` : 'n/a';
}

/**
 * A byte count in MB (1 MB = 2^20 bytes), no decimals.
 *
 * @example
 * formatMb(52_428_800); // '50 MB'
 */
export function formatMb(bytes: number): string {
  return Number.isFinite(bytes) ? `${Math.round(bytes / 1048576)} MB` : 'n/a';
}

/**
 * A record count in the short form of the tables: `20k`, `1M`, `1.5M`.
 *
 * @example
 * formatCount(100_000); // '100k'
 */
export function formatCount(count: number): string {
  if (count >= 1_000_000) return `${Number((count / 1_000_000).toFixed(2))}M`;
  if (count >= 1000) return `${Number((count / 1000).toFixed(1))}k`;
  return String(count);
}

/**
 * A Markdown table.
 *
 * @example
 * markdownTable(['a', 'b'], [['1', '2']]); // '| a | b |\n|---|---|\n| 1 | 2 |'
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')).replace(/ /g, ''), ...rows.map(line)].join('\n');
}
