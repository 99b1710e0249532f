/**
 * Seeded, allocation-light randomness for the fake Pipedrive.
 *
 * Every record is derived from `(seed, stream, index, revision)` through {@link hash32}, so the same seed always
 * yields the same account, without materialising it.
 */

/**
 * Final avalanche step of MurmurHash3: spreads every input bit over the 32-bit output.
 *
 * @example
 * mix32(42); // a well-spread 32-bit value
 */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Combines up to four integers into one well-mixed unsigned 32-bit hash.
 *
 * @example
 * const h = hash32(seed, STREAM_CODE.deals, 42);
 */
export function hash32(a: number, b = 0, c = 0, d = 0): number {
  let h = mix32(a ^ 0x9e3779b9);
  h = mix32(h ^ Math.imul(b | 0, 0x27d4eb2d) ^ (b / 4294967296));
  h = mix32(h ^ Math.imul(c | 0, 0x165667b1) ^ (c / 4294967296));
  h = mix32(h ^ Math.imul(d | 0, 0x61c88647) ^ (d / 4294967296));
  return h;
}

/**
 * Turns a user seed (number or string) into an unsigned 32-bit integer.
 *
 * @example
 * seedToInt('acme'); // stable number
 */
export function seedToInt(seed: number | string): number {
  if (typeof seed === 'number') return mix32(Math.floor(seed) ^ Math.floor(seed / 4294967296));
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/**
 * A small deterministic PRNG (mulberry32) with helpers for picking values.
 *
 * @example
 * const rng = new Rng(hash32(1, 2, 3));
 * rng.int(10); // 0..9
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed | 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max] (both inclusive). */
  range(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

/**
 * Lower-case hex of `words` deterministic 32-bit words (8 hex characters each).
 *
 * @example
 * hexWords(5, (i) => hash32(seed, i)); // 40 hex characters
 */
export function hexWords(words: number, word: (i: number) => number): string {
  let out = '';
  for (let i = 0; i < words; i++) out += (word(i) >>> 0).toString(16).padStart(8, '0');
  return out;
}
