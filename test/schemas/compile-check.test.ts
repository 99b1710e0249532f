import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ResponseValidationError } from '../../src/errors.js';
import { compileCheck, returnsInput } from '../../src/schemas/compile-check.js';
import { customFieldValues } from '../../src/schemas/custom-field-values.js';
import { recordValidator } from '../../src/streams/read-stream.js';
import { streamTable } from '../../src/streams/table.js';
import type { StreamSpec } from '../../src/streams/types.js';
import { createDataset, STREAM_NAMES, type StreamName } from '../../src/testing/index.js';

const dataset = createDataset({ seed: 11 });

/** Values of every JSON type and the edge cases of zod's primitive tests. */
const REPLACEMENTS: readonly unknown[] = [
  null,
  undefined,
  'text',
  '',
  '2024-02-30', // a day that does not exist (timestamps)
  'adf21080-0e10-11eb-879b-05d71fb426ec', // a GUID (lead ids)
  0,
  1,
  -0,
  1.5,
  2 ** 53, // not a safe integer
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  {},
  { value: 'x' },
  [],
  [1, 'a'],
];

type Json = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Json => value !== null && typeof value === 'object';

/** A deep copy of a record (records of the fake are plain JSON). */
const copy = <T>(value: T): T => structuredClone(value);

/** Sets (or, with `remove`, deletes) the value at `path` in a copy of `root`. */
function mutated(root: unknown, path: readonly (string | number)[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const out = copy(root) as Json;
  let node = out as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else {
    node[last] = value;
  }
  return out;
}

/** Every path of a record down to `depth` (object keys and the first two items of arrays). */
function pathsOf(value: unknown, depth: number, prefix: (string | number)[] = []): (string | number)[][] {
  if (!isContainer(value) || depth === 0) return [];
  const steps: (string | number)[] = Array.isArray(value) ? [0, 1].filter((i) => i < value.length) : Object.keys(value);
  const paths: (string | number)[][] = [];
  for (const step of steps) {
    const path = [...prefix, step];
    paths.push(path, ...pathsOf((value as Record<string | number, unknown>)[step], depth - 1, path));
  }
  return paths;
}

/** The declared keys of an object schema, for keys the sample records leave out. */
function declaredKeys(schema: z.ZodType): string[] {
  return Object.keys((schema as unknown as z.ZodObject).shape);
}

/**
 * A table of cases for one stream: valid records of the fake, and copies with one value replaced
 * (every path to depth 3, each replacement value), removed, or an unknown key added; plus declared keys
 * the samples leave out set to each replacement, and non-objects in place of the record.
 */
function casesFor(stream: StreamName, schema: z.ZodType): unknown[] {
  const all = [...dataset.records(stream)];
  // A spread of samples: first, last and a few in between.
  const step = Math.max(1, Math.floor(all.length / 4));
  const samples = all.filter((_, i) => i % step === 0 || i === all.length - 1).slice(0, 6);
  const cases: unknown[] = [...samples];
  const first = samples[0]!;
  for (const sample of samples.slice(0, 3)) {
    for (const path of pathsOf(sample, 3)) {
      cases.push(mutated(sample, path, undefined, true));
      for (const value of REPLACEMENTS) cases.push(mutated(sample, path, value));
    }
    cases.push({ ...sample, unknown_key: { nested: [1, 2] } });
  }
  for (const key of declaredKeys(schema)) {
    if (key in first) continue;
    for (const value of REPLACEMENTS) cases.push({ ...first, [key]: value });
  }
  cases.push(null, undefined, 'record', 42, [], [first], {});
  return cases;
}

describe('compileCheck agrees with zod on every record schema', () => {
  it('covers the 18 streams of the table', () => {
    expect(STREAM_NAMES).toHaveLength(18);
    expect(Object.keys(streamTable).sort()).toEqual([...STREAM_NAMES].sort());
  });

  for (const stream of STREAM_NAMES) {
    const spec = streamTable[stream] as StreamSpec;

    it(`${stream}: the compiled test and schema.safeParse agree; valid records come back as the same object`, () => {
      expect(returnsInput(spec.schema)).toBe(true);
      const check = compileCheck(spec.schema);
      const validate = recordValidator(spec);
      const cases = casesFor(stream, spec.schema);
      let valid = 0;
      let invalid = 0;
      for (const value of cases) {
        const result = spec.schema.safeParse(value);
        const verdict = check(value);
        if (verdict !== result.success) {
          throw new Error(`compiled test says ${verdict}, zod says ${result.success} for ${JSON.stringify(value)?.slice(0, 400)}`);
        }
        if (result.success) {
          valid += 1;
          const handedOut = validate(value);
          expect(handedOut).toBe(value);
          expect(result.data).toEqual(value); // what zod would have handed out: an equal copy
        } else {
          invalid += 1;
          expect(() => validate(value)).toThrow(ResponseValidationError);
        }
      }
      // The table exercises both sides.
      expect(valid).toBeGreaterThan(3);
      expect(invalid).toBeGreaterThan(20);
    });
  }

  it('takes every sample record of the fake as valid, and hands it out untouched', () => {
    for (const stream of STREAM_NAMES) {
      const spec = streamTable[stream] as StreamSpec;
      const validate = recordValidator(spec);
      for (const record of dataset.records(stream)) {
        const before = JSON.stringify(record);
        expect(validate(record)).toBe(record);
        expect(JSON.stringify(record)).toBe(before);
      }
    }
  });

  it("keeps zod's error message and path for a record that fails", () => {
    const validate = recordValidator(streamTable.deals);
    const deal = { ...dataset.records('deals').next().value!, id: 7, custom_fields: ['not', 'an', 'object'] };
    try {
      validate(deal);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ResponseValidationError);
      const message = (error as Error).message;
      expect(message).toContain('deals: record 7 does not match its schema at "custom_fields"');
      expect(message).toContain('Invalid custom_fields: expected an object of field keys to values');
      expect((error as ResponseValidationError).path).toBe('custom_fields');
    }
    const wrongTime = { ...deal, custom_fields: {}, update_time: 'yesterday' };
    expect(() => validate(wrongTime)).toThrow(/at "update_time": Invalid timestamp/);
  });
});

describe('custom_fields (checked as an object, not copied)', () => {
  it('accepts exactly what the record schema accepted: objects of any keys and values, null, absent', () => {
    const record = z.record(z.string(), z.unknown()).nullish();
    const values: unknown[] = [{}, { a: 1, b: { value: 2, currency: 'EUR' } }, null, undefined, [], [1], 'x', 1, true];
    for (const value of values) expect(customFieldValues.safeParse(value).success).toBe(record.safeParse(value).success);
  });

  it('returns the object itself', () => {
    const values = { dcf558aac1ae4e8c4f849ba5e668430d8df9be12: 12 };
    expect(customFieldValues.parse(values)).toBe(values);
  });
});

describe('compileCheck on the kinds of schema it models and the ones it leaves to zod', () => {
  const VALUES: readonly unknown[] = [
    ...REPLACEMENTS,
    'a',
    'ABC',
    'https://example.com',
    'f08b42a0-4e75-11ea-9643-03698ef1cfd6',
    -5,
    7,
    2 ** 31,
    { id: 1 },
    { id: 1, name: 'x' },
    { id: 1, name: null },
    { id: 1, name: undefined },
    { id: 1, extra: true },
    { id: '1' },
    { kind: 'a', a: 1 },
    { kind: 'b', b: 'x' },
    { kind: 'c' },
    [1, 2, 3],
    ['a', null],
    Object.create(null) as object,
    new Date(0),
  ];

  const schemas: Record<string, z.ZodType> = {
    string: z.string(),
    number: z.number(),
    int: z.int(),
    'number().int()': z.number().int(),
    boolean: z.boolean(),
    unknown: z.unknown(),
    any: z.any(),
    null: z.null(),
    undefined: z.undefined(),
    never: z.never(),
    literal: z.literal('a'),
    'literal list': z.literal([0, 1]),
    enum: z.enum(['a', 'b']),
    'optional string': z.string().optional(),
    'nullable int': z.int().nullable(),
    'nullish boolean': z.boolean().nullish(),
    'nullable optional': z.string().optional().nullable(),
    'refined string': z.string().refine((s) => s.length > 1),
    'two refinements': z.number().refine((n) => n > 0).refine((n) => n < 10),
    'nullish refined': z.string().refine((s) => s === s.toUpperCase()).nullish(),
    custom: z.custom<object>((v) => typeof v === 'object'),
    'array of ints': z.array(z.int()),
    'array of nullish strings': z.array(z.string().nullish()),
    union: z.union([z.boolean(), z.literal([0, 1])]),
    'union of three': z.union([z.string(), z.int(), z.null()]),
    'loose object': z.looseObject({ id: z.int(), name: z.string().nullish() }),
    'loose object, required unknown': z.looseObject({ id: z.unknown() }),
    'loose object, optional unknown': z.looseObject({ id: z.unknown().optional() }),
    'loose object, exact optional': z.looseObject({ name: z.string().exactOptional() }),
    'loose object, refined': z.looseObject({ id: z.int() }).refine((o) => o.id > 0),
    'loose object, refined optional': z.looseObject({ name: z.string().optional().refine((v) => v !== undefined) }),
    'loose object, nullable optional unknown': z.looseObject({ name: z.unknown().optional().nullable() }),
    'nested loose object': z.looseObject({ id: z.int(), a: z.looseObject({ value: z.string() }).nullish() }),
    // Left to zod's own safeParse:
    guid: z.guid(),
    'nullish guid': z.guid().nullish(),
    'string min length': z.string().min(2),
    'number max': z.number().max(5),
    int32: z.int32(),
    url: z.url(),
    'strict object': z.strictObject({ id: z.int() }),
    'stripping object': z.object({ id: z.int() }),
    record: z.record(z.string(), z.int()),
    'discriminated union': z.discriminatedUnion('kind', [
      z.looseObject({ kind: z.literal('a'), a: z.int() }),
      z.looseObject({ kind: z.literal('b'), b: z.string() }),
    ]),
    xor: z.xor([z.string(), z.literal('a')]),
    transform: z.string().transform((s) => s.length),
    pipe: z.string().pipe(z.string().min(1)),
    default: z.string().default('x'),
    'object with default': z.looseObject({ name: z.string().default('x') }),
    catch: z.int().catch(0),
    coerce: z.coerce.number(),
    trim: z.string().trim(),
    tuple: z.tuple([z.int(), z.string()]),
    date: z.date(),
    readonly: z.looseObject({ id: z.int() }).readonly(),
  };

  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name}: agrees with safeParse on every value`, () => {
      const check = compileCheck(schema);
      for (const value of VALUES) {
        if (check(value) !== schema.safeParse(value).success) {
          throw new Error(`${name}: compiled test says ${check(value)} for ${String(JSON.stringify(value))}`);
        }
      }
    });
  }

  it('calls a refinement no more often than zod does', () => {
    let compiledCalls = 0;
    let zodCalls = 0;
    let counting: 'compiled' | 'zod' = 'compiled';
    const schema = z.looseObject({ a: z.int(), b: z.string().refine(() => (counting === 'compiled' ? compiledCalls++ : zodCalls++) >= 0) });
    const check = compileCheck(schema);
    for (const value of [{ a: 1, b: 'x' }, { a: 'no', b: 'x' }, { a: 1 }, { a: 1, b: 2 }]) {
      counting = 'compiled';
      check(value);
      counting = 'zod';
      schema.safeParse(value);
    }
    expect(compiledCalls).toBeLessThanOrEqual(zodCalls);
    expect(compiledCalls).toBe(1);
  });
});

describe('returnsInput: whether a passing record may be handed out as received', () => {
  it('is true for loose and strict objects, nullable primitives, refinements, arrays, unions, records', () => {
    for (const schema of [
      z.looseObject({ id: z.int(), tags: z.array(z.string()).nullish(), flag: z.union([z.boolean(), z.literal([0, 1])]) }),
      z.strictObject({ id: z.int() }),
      z.string().refine((s) => s.length > 0).nullish(),
      z.guid(),
      z.record(z.string(), z.array(z.string()).nullish()),
      customFieldValues,
    ]) {
      expect(returnsInput(schema)).toBe(true);
    }
  });

  it('is false wherever zod would hand out something else, at any depth', () => {
    for (const schema of [
      z.object({ id: z.int() }), // strips unknown keys
      z.looseObject({ nested: z.object({ id: z.int() }).nullish() }),
      z.looseObject({ id: z.string().transform(Number) }),
      z.looseObject({ id: z.int().default(0) }),
      z.looseObject({ id: z.int().prefault(0) }),
      z.looseObject({ id: z.int().catch(0) }),
      z.looseObject({ id: z.coerce.number() }),
      z.looseObject({ name: z.string().trim() }),
      z.looseObject({ url: z.url() }),
      z.looseObject({ id: z.string().pipe(z.string()) }),
      z.looseObject({ items: z.array(z.looseObject({ a: z.int() }).readonly()) }),
      z.looseObject({ id: z.union([z.int(), z.string().transform(Number)]) }),
      z.looseObject({ id: z.int() }).superRefine(() => undefined),
      z.looseObject({ id: z.int() }).catchall(z.string().transform((s) => s.length)),
    ]) {
      expect(returnsInput(schema)).toBe(false);
    }
  });

  it("makes recordValidator hand out zod's output for such a schema", () => {
    const spec = { name: 'things', primaryKey: 'id' as const, schema: z.object({ id: z.int() }) };
    const validate = recordValidator(spec);
    const record = { id: 1, extra: true };
    const out = validate(record);
    expect(out).not.toBe(record);
    expect(out).toEqual({ id: 1 });
  });
});
