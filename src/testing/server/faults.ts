/** Seeded fault injection: server errors, HTML gateway errors, dropped connections, truncated bodies, 429 bursts. */
import { hash32, Rng, seedToInt } from '../internal/rng.js';

/**
 * A kind of fault.
 * - `500`, `503`: JSON error from the API; `502`: HTML page from the edge.
 * - `reset`: headers and part of the body, then the connection drops.
 * - `truncated`: a 200 whose JSON is cut in half but ends like a complete document.
 * - `429`: a burst of rate-limit answers.
 *
 * @example
 * const kinds: FaultKind[] = ['500', 'reset'];
 */
export type FaultKind = '500' | '502' | '503' | 'reset' | 'truncated' | '429';

/**
 * Every fault kind.
 *
 * @example
 * createFakePipedrive({ dataset, faults: { rate: 0.1, kinds: FAULT_KINDS } });
 */
export const FAULT_KINDS: readonly FaultKind[] = ['500', '502', '503', 'reset', 'truncated', '429'];

/**
 * How often and which faults happen.
 *
 * @example
 * const rule: FaultRule = { rate: 0.1, kinds: ['503'] };
 */
export interface FaultRule {
  /** Probability (0..1) that a request gets a fault. */
  rate: number;
  /**
   * Kinds to choose from (uniformly).
   * @default every kind
   */
  kinds?: readonly FaultKind[];
}

/**
 * Fault injection options.
 *
 * @example
 * createFakePipedrive({ dataset, faults: { seed: 1, rate: 0.05, kinds: ['500', 'reset'], skipFirst: 2 } });
 */
export interface FaultOptions extends FaultRule {
  /**
   * Seed of the fault sequence.
   * @default 0
   */
  seed?: number | string;
  /**
   * No faults on the first N requests.
   * @default 0
   */
  skipFirst?: number;
  /**
   * Number of consecutive 429 answers in a `429` burst.
   * @default 3
   */
  burstLength?: number;
  /** Rules per request path (e.g. `/api/v2/deals`), replacing `rate` and `kinds` there. */
  paths?: Readonly<Record<string, FaultRule>>;
}

/**
 * Decides, request by request, whether to inject a fault.
 *
 * @example
 * const faults = new FaultInjector({ rate: 1, kinds: ['500'] });
 * faults.pick('/api/v2/deals'); // '500'
 */
export class FaultInjector {
  private readonly rng: Rng;
  private count = 0;
  private burstLeft = 0;

  constructor(private readonly options: FaultOptions) {
    this.rng = new Rng(hash32(seedToInt(options.seed ?? 0), 0xfa17));
  }

  /** The fault for the next request on `path`, if any. */
  pick(path: string): FaultKind | undefined {
    this.count++;
    if (this.burstLeft > 0) {
      this.burstLeft--;
      return '429';
    }
    if (this.count <= (this.options.skipFirst ?? 0)) return undefined;
    const rule = this.options.paths?.[path] ?? this.options;
    const roll = this.rng.next();
    const kind = this.rng.pick(rule.kinds && rule.kinds.length > 0 ? rule.kinds : FAULT_KINDS);
    if (roll >= rule.rate) return undefined;
    if (kind === '429') this.burstLeft = Math.max(0, (this.options.burstLength ?? 3) - 1);
    return kind;
  }
}
