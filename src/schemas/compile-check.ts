import * as z from 'zod';

/**
 * A plain type test compiled from a zod schema: true exactly when `schema.safeParse(value).success`.
 *
 * @example
 * const isDeal: CompiledCheck = compileCheck(dealSchema);
 * isDeal({ id: 1, title: 'Big deal' }); // true
 */
export type CompiledCheck = (value: unknown) => boolean;

/** The parts of zod 4's public introspection (`schema._zod`) this module reads. */
interface Internals {
  def: Def;
  traits?: ReadonlySet<string>;
  optin?: 'optional' | 'defaulted' | undefined;
  optout?: 'optional' | undefined;
  values?: ReadonlySet<unknown> | undefined;
}

interface Def {
  type: string;
  checks?: readonly Schema[];
  /** Set on checks (and on schemas that are their own check: `z.int()`, `z.guid()`, `z.custom()`). */
  check?: string;
  coerce?: boolean;
  format?: string;
  fn?: (value: unknown) => unknown;
  when?: unknown;
  innerType?: Schema;
  element?: Schema;
  shape?: Record<PropertyKey, Schema>;
  catchall?: Schema;
  options?: readonly Schema[];
  inclusive?: boolean;
  discriminator?: string;
  keyType?: Schema;
  valueType?: Schema;
}

interface Schema {
  _zod: Internals;
}

const has = (schema: Schema, trait: string): boolean => schema._zod.traits?.has(trait) === true;

/** The checks a schema runs after its type test, in zod's order: itself when it is a check, then `def.checks`. */
function checksOf(schema: Schema): readonly Schema[] {
  const listed = schema._zod.def.checks ?? [];
  return has(schema, '$ZodCheck') ? [schema, ...listed] : listed;
}

// ---------------------------------------------------------------------------------------------
// Whether zod hands back the input unchanged
// ---------------------------------------------------------------------------------------------

/** String formats whose check only tests (`z.url()` trims and may normalise, so it is not listed). */
const TESTING_STRING_FORMATS: ReadonlySet<string> = new Set([
  'guid', 'uuid', 'email', 'regex', 'starts_with', 'ends_with', 'includes', 'lowercase', 'uppercase',
  'datetime', 'date', 'time', 'duration', 'ipv4', 'ipv6', 'cidrv4', 'cidrv6', 'mac', 'base64', 'base64url',
  'e164', 'jwt', 'nanoid', 'cuid', 'cuid2', 'ulid', 'xid', 'ksuid', 'emoji', 'hex',
]);

/** Checks that only test the value (never replace it). `overwrite` (`.trim()`, `.toLowerCase()`...) replaces it. */
const TESTING_CHECKS: ReadonlySet<string> = new Set([
  'less_than', 'greater_than', 'multiple_of', 'number_format', 'bigint_format', 'max_size', 'min_size',
  'size_equals', 'max_length', 'min_length', 'length_equals', 'mime_type', 'describe', 'meta',
]);

function checkKeepsValue(check: Schema): boolean {
  const def = check._zod.def;
  if (def.check === 'string_format') return def.format !== undefined && TESTING_STRING_FORMATS.has(def.format);
  // A refinement (`.refine()`, `z.custom()`) sees the value only; `.superRefine()` and `.check()` get the
  // payload and could replace it.
  if (def.check === 'custom') return def.type === 'custom' && typeof def.fn === 'function';
  return def.check !== undefined && TESTING_CHECKS.has(def.check);
}

/** Types whose parse returns its input as is (unless coerced). */
const IDENTITY_TYPES: ReadonlySet<string> = new Set([
  'string', 'number', 'boolean', 'bigint', 'symbol', 'null', 'undefined', 'void', 'any', 'unknown', 'never',
  'date', 'nan', 'literal', 'enum', 'template_literal', 'file', 'custom',
]);

/**
 * Whether every value `schema` accepts comes back from `schema.parse` unchanged: the same primitive, or
 * an object or array with the same keys and (recursively) the same values. False as soon as anything
 * could change the output: a transform, pipe, default, prefault, catch, coercion, overwrite check
 * (`.trim()`), readonly (freezes), a stripping `z.object()` (drops unknown keys), and every kind of
 * schema not known here. Cyclic schemas are assumed to keep their value along the cycle.
 *
 * The one change a loose object or record makes that is not reported: zod does not copy an own
 * `__proto__` key into its output; a compiled check leaves it in place, as `validate: false` does.
 *
 * @example
 * returnsInput(dealSchema); // true: loose objects, nullable primitives, refinements
 * returnsInput(z.object({ id: z.int() })); // false: unknown keys would be stripped
 * returnsInput(z.string().trim()); // false
 */
export function returnsInput(schema: z.ZodType): boolean {
  return keepsValue(schema as unknown as Schema, new Map());
}

function keepsValue(schema: Schema, seen: Map<Schema, boolean>): boolean {
  const known = seen.get(schema);
  if (known !== undefined) return known;
  seen.set(schema, true); // a cycle back here is decided by the rest of the walk
  const result = keepsValueUncached(schema, seen);
  seen.set(schema, result);
  return result;
}

function keepsValueUncached(schema: Schema, seen: Map<Schema, boolean>): boolean {
  const def = schema._zod.def;
  if (!checksOf(schema).every(checkKeepsValue)) return false;
  if (IDENTITY_TYPES.has(def.type)) return def.coerce !== true;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'nonoptional':
      return def.innerType !== undefined && keepsValue(def.innerType, seen);
    case 'array':
      return def.element !== undefined && keepsValue(def.element, seen);
    case 'object': {
      // No catchall: unknown keys are stripped from the output.
      if (def.catchall === undefined || def.shape === undefined) return false;
      const shape = def.shape;
      return keepsValue(def.catchall, seen) && Reflect.ownKeys(shape).every((key) => keepsValue(shape[key]!, seen));
    }
    case 'record':
      return def.keyType !== undefined && def.valueType !== undefined && keepsValue(def.keyType, seen) && keepsValue(def.valueType, seen);
    case 'union':
      return def.options !== undefined && def.options.every((option) => keepsValue(option, seen));
    default:
      // transform, pipe (codecs, preprocess), default, prefault, catch, success, readonly, intersection,
      // tuple, map, set, lazy, promise, function, and anything newer.
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The compiled test
// ---------------------------------------------------------------------------------------------

/** A refinement's verdict as zod reads it: truthy passes; a promise is not a verdict (zod throws on it). */
function refinementPasses(fn: (value: unknown) => unknown, value: unknown): boolean {
  const verdict = fn(value);
  return verdict === true || (Boolean(verdict) && !(verdict instanceof Promise));
}

/** Primitive type tests, as zod 4 performs them (`z.number()` rejects NaN and ±Infinity). */
type Primitive = 'string' | 'number' | 'safeint' | 'boolean' | 'anything';

const PRIMITIVE_TESTS: Record<Primitive, CompiledCheck> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  safeint: (v) => Number.isSafeInteger(v),
  boolean: (v) => typeof v === 'boolean',
  anything: () => true,
};

/** The same tests with `null` and `undefined` accepted (`.nullish()`), the commonest field shape. */
const NULLISH_PRIMITIVE_TESTS: Record<Primitive, CompiledCheck> = {
  string: (v) => v == null || typeof v === 'string',
  number: (v) => v == null || (typeof v === 'number' && Number.isFinite(v)),
  safeint: (v) => v == null || Number.isSafeInteger(v),
  boolean: (v) => v == null || typeof v === 'boolean',
  anything: () => true,
};

/** A primitive test with refinements and accepted empties, kept apart so wrappers fuse into one test. */
interface Simple {
  primitive: Primitive;
  refinements: readonly ((value: unknown) => unknown)[];
  nullOk: boolean;
  undefinedOk: boolean;
}

/** What compiling one node gives: its test, and its simple form when it has one. */
interface Compiled {
  check: CompiledCheck;
  simple?: Simple;
  /** Known to pass `undefined` without calling any refinement (optional wrappers, unknown, any). */
  passesUndefined?: boolean;
}

function simpleCheck(simple: Simple): CompiledCheck {
  const { primitive, refinements, nullOk, undefinedOk } = simple;
  if (refinements.length === 0) {
    if (nullOk && undefinedOk) return NULLISH_PRIMITIVE_TESTS[primitive];
    if (!nullOk && !undefinedOk) return PRIMITIVE_TESTS[primitive];
  }
  const base = PRIMITIVE_TESTS[primitive];
  let test: CompiledCheck;
  if (refinements.length === 0) test = base;
  else if (refinements.length === 1) {
    const fn = refinements[0]!;
    test = primitive === 'anything' ? (v) => refinementPasses(fn, v) : (v) => base(v) && refinementPasses(fn, v);
  } else {
    test = (v) => {
      if (!base(v)) return false;
      for (const fn of refinements) if (!refinementPasses(fn, v)) return false;
      return true;
    };
  }
  if (nullOk && undefinedOk) return (v) => v == null || test(v);
  if (nullOk) return (v) => v === null || test(v);
  if (undefinedOk) return (v) => v === undefined || test(v);
  return test;
}

function fromSimple(simple: Simple): Compiled {
  const passesUndefined = simple.undefinedOk || (simple.primitive === 'anything' && simple.refinements.length === 0);
  return { check: simpleCheck(simple), simple, passesUndefined };
}

/** `schema`'s own safeParse, for what this module does not model. */
function viaSafeParse(schema: Schema): Compiled {
  const zodSchema = schema as unknown as z.ZodType;
  return { check: (v) => z.safeParse(zodSchema, v).success };
}

/**
 * Compiles a zod 4 schema into a plain type test, walking its definition once: loose objects
 * (`z.looseObject`), optional, nullable, nullish, string, number, int, boolean, array, union, literal,
 * enum, unknown/any, `z.custom()` and refinements become plain JavaScript tests; anything else (string
 * formats such as `z.guid()`, strict and stripping objects, records, transforms, pipes, defaults...) is
 * tested by that sub-schema's own `safeParse`. The test is true exactly when `schema.safeParse(value)`
 * succeeds, and it calls no more of the schema's refinement functions than zod would.
 *
 * It tests; it does not parse. Where zod's output is the input unchanged ({@link returnsInput}), a value
 * that passes can be used as is; otherwise use `schema.safeParse` for the output.
 *
 * @example
 * const check = compileCheck(dealSchema);
 * check({ id: 1, value: 10, custom_fields: {} }); // true
 * check({ id: '1' }); // false: dealSchema.safeParse gives the error
 */
export function compileCheck(schema: z.ZodType): CompiledCheck {
  return compileNode(schema as unknown as Schema, new Map()).check;
}

function compileNode(schema: Schema, memo: Map<Schema, Compiled>): Compiled {
  const known = memo.get(schema);
  if (known !== undefined) return known;
  // A cyclic schema reaches itself again while being compiled: that use goes through this forwarder.
  let done: Compiled | undefined;
  memo.set(schema, { check: (v) => done!.check(v) });
  done = compileUncached(schema, memo);
  memo.set(schema, done);
  return done;
}

function compileUncached(schema: Schema, memo: Map<Schema, Compiled>): Compiled {
  const def = schema._zod.def;
  if (def.coerce === true) return viaSafeParse(schema);

  // The checks after the type test: refinements, and the integer format of z.int(); anything else is
  // left to zod.
  const refinements: ((value: unknown) => unknown)[] = [];
  let safeInteger = false;
  for (const check of checksOf(schema)) {
    const checkDef = check._zod.def;
    if (checkDef.when !== undefined) return viaSafeParse(schema);
    if (checkDef.check === 'custom' && checkDef.type === 'custom' && typeof checkDef.fn === 'function') {
      refinements.push(checkDef.fn);
    } else if (checkDef.check === 'number_format' && checkDef.format === 'safeint' && def.type === 'number') {
      safeInteger = true;
    } else {
      return viaSafeParse(schema);
    }
  }

  const primitive = primitiveOf(def.type, safeInteger);
  if (primitive !== undefined) return fromSimple({ primitive, refinements, nullOk: false, undefinedOk: false });
  if (safeInteger) return viaSafeParse(schema);

  const base = compileStructure(schema, memo);
  if (base === undefined) return viaSafeParse(schema);
  if (refinements.length === 0) return base;
  const test = base.check;
  return {
    check: (v) => {
      if (!test(v)) return false;
      for (const fn of refinements) if (!refinementPasses(fn, v)) return false;
      return true;
    },
  };
}

function primitiveOf(type: string, safeInteger: boolean): Primitive | undefined {
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
      return safeInteger ? 'safeint' : 'number';
    case 'boolean':
      return 'boolean';
    case 'unknown':
    case 'any':
    case 'custom': // z.custom's own parse accepts everything; its function is one of its checks
      return 'anything';
    default:
      return undefined;
  }
}

/** The non-primitive nodes; undefined for what is left to zod. */
function compileStructure(schema: Schema, memo: Map<Schema, Compiled>): Compiled | undefined {
  const def = schema._zod.def;
  switch (def.type) {
    case 'null':
      return { check: (v) => v === null };
    case 'undefined':
      return { check: (v) => v === undefined };
    case 'never':
      return { check: () => false };
    case 'literal':
    case 'enum': {
      const values = schema._zod.values;
      if (values === undefined) return undefined;
      return { check: (v) => values.has(v) };
    }
    case 'optional': {
      const inner = def.innerType;
      if (inner === undefined) return undefined;
      // exactOptional accepts absence in an object but not an undefined value.
      if (has(schema, '$ZodExactOptional')) return compileNode(inner, memo);
      // A defaulted inner type substitutes its default for undefined.
      if (!has(schema, '$ZodOptional') || inner._zod.optin === 'defaulted') return undefined;
      const compiled = compileNode(inner, memo);
      if (compiled.simple) return fromSimple({ ...compiled.simple, undefinedOk: true });
      const test = compiled.check;
      return { check: (v) => v === undefined || test(v), passesUndefined: true };
    }
    case 'nullable': {
      if (def.innerType === undefined) return undefined;
      const compiled = compileNode(def.innerType, memo);
      if (compiled.simple) return fromSimple({ ...compiled.simple, nullOk: true });
      const test = compiled.check;
      return { check: (v) => v === null || test(v), passesUndefined: compiled.passesUndefined === true };
    }
    case 'array': {
      if (def.element === undefined) return undefined;
      const element = compileNode(def.element, memo).check;
      return {
        check: (v) => {
          if (!Array.isArray(v)) return false;
          for (let i = 0; i < v.length; i += 1) if (!element(v[i])) return false;
          return true;
        },
      };
    }
    case 'union': {
      // Exclusive unions (z.xor) and discriminated unions choose differently; left to zod.
      if (def.options === undefined || def.inclusive === false || def.discriminator !== undefined) return undefined;
      const options = def.options.map((option) => compileNode(option, memo).check);
      if (options.length === 1) return { check: options[0]! };
      if (options.length === 2) {
        const [first, second] = options as [CompiledCheck, CompiledCheck];
        return { check: (v) => first(v) || second(v) };
      }
      return { check: (v) => options.some((option) => option(v)) };
    }
    case 'object':
      return compileLooseObject(schema, memo);
    default:
      return undefined;
  }
}

/** What an absent key means for a property schema, as zod's object parse decides it. */
const ABSENT_FAILS = 0;
const ABSENT_PASSES = 1;
const ABSENT_TESTED = 2; // the property schema is run on undefined

function absentRule(property: Schema): number {
  const { optin, optout } = property._zod;
  if (optin === undefined) return ABSENT_FAILS;
  if (optout === 'optional') return ABSENT_PASSES;
  return ABSENT_TESTED;
}

/** A loose object (catchall unknown/any): every declared key tested, other keys kept as they are. */
function compileLooseObject(schema: Schema, memo: Map<Schema, Compiled>): Compiled | undefined {
  const { shape, catchall } = schema._zod.def;
  if (shape === undefined || catchall === undefined) return undefined;
  const catchallType = catchall._zod.def.type;
  if ((catchallType !== 'unknown' && catchallType !== 'any') || checksOf(catchall).length > 0) return undefined;
  if (Object.getOwnPropertySymbols(shape).length > 0) return undefined;
  // zod skips a declared `__proto__` key altogether.
  const keys = Object.keys(shape).filter((key) => key !== '__proto__');
  const compiled = keys.map((key) => compileNode(shape[key]!, memo));
  const tests = compiled.map((node) => node.check);
  const absent = keys.map((key) => absentRule(shape[key]!));
  // Where both an absent key and an undefined value pass, `undefined` needs no further look (saves a
  // second property lookup for every optional key a record leaves out).
  const skipUndefined = compiled.map((node, i) => node.passesUndefined === true && absent[i] === ABSENT_PASSES);
  const count = keys.length;
  return {
    check: (v) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      const record = v as Record<string, unknown>;
      for (let i = 0; i < count; i += 1) {
        const key = keys[i]!;
        const value = record[key];
        if (value === undefined) {
          if (skipUndefined[i]) continue;
          if (!(key in record)) {
            const rule = absent[i];
            if (rule === ABSENT_PASSES) continue;
            if (rule === ABSENT_FAILS) return false;
          }
        }
        if (!tests[i]!(value)) return false;
      }
      return true;
    },
  };
}
