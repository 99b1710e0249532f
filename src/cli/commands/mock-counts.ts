import type { DatasetCounts } from '../../testing/index.js';

/** The fake's default counts per 200 deals, for the streams that grow with the account. */
const PER_200_DEALS = { persons: 150, organizations: 60, activities: 300, leads: 80, notes: 150, products: 25, files: 40 } as const;

/**
 * Dataset counts for an account of `deals` deals: the record streams in the fake's default proportions,
 * users growing slowly (one per 500 deals, at least 6), the reference streams at their defaults.
 *
 * @example
 * countsForSize(2000); // { deals: 2000, persons: 1500, organizations: 600, activities: 3000, ... }
 */
export function countsForSize(deals: number): DatasetCounts {
  const scale = deals / 200;
  const counts: DatasetCounts = { deals };
  for (const [stream, count] of Object.entries(PER_200_DEALS)) counts[stream as keyof typeof PER_200_DEALS] = Math.max(1, Math.round(count * scale));
  counts.users = Math.max(6, Math.round(deals / 500));
  return counts;
}
