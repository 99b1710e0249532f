import { describe, expect, it } from 'vitest';
import { jsonString, JsonWriter, objectKeys, WriterPool } from '../../src/testing/internal/json-writer.js';
import { isoDate, v2Time } from '../../src/testing/internal/time.js';

/** What the writer wrote, as a string, checked to be what `JSON.stringify` gives for `value`. */
function expectStringifyOf(write: (w: JsonWriter) => void, value: unknown): void {
  const w = new JsonWriter(16);
  write(w);
  expect(Buffer.from(w.bytes()).equals(Buffer.from(JSON.stringify(value), 'utf8'))).toBe(true);
  expect(w.text()).toBe(JSON.stringify(value));
}

describe('JsonWriter', () => {
  it('writes strings byte for byte as JSON.stringify does: escapes, control characters, 2-, 3- and 4-byte UTF-8, lone surrogates', () => {
    const strings = [
      '',
      'plain ascii',
      'quote " and backslash \\ and slash /',
      'controls \b\f\n\r\t \u0000 \u0001 \u001f \u007f',
      'Müller, São Paulo, Friedrichstraße, OÜ',
      'O’Brien € ¥ — “curly”',
      'emoji 😀 and 𝄞',
      'lone high \ud800 end',
      'lone low \udc00 end',
      'high at the end \udbff',
      '\u2028 line and paragraph \u2029 separators',
      'x'.repeat(70_000),
    ];
    for (const text of strings) expectStringifyOf((w) => w.str(text), text);
  });

  it('writes numbers as JSON.stringify does', () => {
    const numbers = [0, -0, 1, 9, 10, 99, 100, 12345, -7, -2147483648, 2147483647, 2147483648, 10000002, 9007199254740991, -9007199254740991, 1e21, 23.2, 0.1, -0.5, 1 / 3, 5e-7, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const n of numbers) expectStringifyOf((w) => w.num(n), n);
    expectStringifyOf((w) => w.numOrNull(null), null);
    expectStringifyOf((w) => w.ints([3, 1, 20]), [3, 1, 20]);
    expectStringifyOf((w) => w.ints([]), []);
  });

  it('writes v2 timestamps and dates as the record builders format them', () => {
    const times = [0, Date.parse('1999-12-31T23:59:59Z'), Date.parse('2024-02-29T12:00:00Z'), Date.parse('2026-11-28T07:05:09Z'), Date.parse('2100-01-01T00:00:00Z')];
    for (const ms of times) {
      expectStringifyOf((w) => w.time(ms), v2Time(ms));
      expectStringifyOf((w) => w.date(ms), isoDate(ms));
    }
    expectStringifyOf((w) => w.timeOrNull(null), null);
    expectStringifyOf((w) => w.dateOrNull(null), null);
  });

  it('writes objects through precompiled keys, literals and JSON text', () => {
    const K = objectKeys(['id', 'name', 'flags', 'nested', 'raw'] as const);
    expectStringifyOf(
      (w) => w.raw(K.id).num(1).raw(K.name).raw(jsonString('Ann "A"')).raw(K.flags).bool(true).raw(K.nested).json(JSON.stringify({ a: [1, 'é'] })).raw(K.raw).nul().close(),
      { id: 1, name: 'Ann "A"', flags: true, nested: { a: [1, 'é'] }, raw: null },
    );
  });

  it('grows past its first buffer without losing what it wrote', () => {
    const w = new JsonWriter(8);
    const values = Array.from({ length: 5000 }, (_, i) => `value ${i} ✓`);
    w.byte(0x5b);
    values.forEach((v, i) => (i > 0 ? w.byte(0x2c) : w).str(v));
    w.byte(0x5d);
    expect(w.text()).toBe(JSON.stringify(values));
    expect(w.capacity).toBeGreaterThanOrEqual(w.length);
  });

  it('reset starts over in the same buffer; view shares it, bytes copies it', () => {
    const w = new JsonWriter(64);
    w.str('first');
    const view = w.view();
    const copy = w.bytes();
    w.reset().str('other');
    expect(Buffer.from(copy).toString()).toBe('"first"');
    expect(Buffer.from(view).toString()).toBe('"other"');
  });
});

describe('WriterPool', () => {
  it('hands a given-back writer out again, empty, and never the same writer twice while it is out', () => {
    const pool = new WriterPool(2);
    const a = pool.take();
    const b = pool.take();
    expect(a).not.toBe(b);
    a.str('x');
    pool.give(a);
    pool.give(a); // a second give of the same writer is ignored
    const c = pool.take();
    expect(c).toBe(a);
    expect(c.length).toBe(0);
    expect(pool.take()).not.toBe(a);
  });

  it('keeps at most `keep` writers and leaves oversized ones to the garbage collector', () => {
    const pool = new WriterPool(1, 1 << 20);
    const big = pool.take();
    big.str('y'.repeat(2 << 20));
    pool.give(big);
    expect(pool.take()).not.toBe(big);
    const [x, y] = [pool.take(), pool.take()];
    pool.give(x);
    pool.give(y);
    expect(pool.take()).toBe(x);
    expect(pool.take()).not.toBe(y);
  });
});
