import type { z } from 'zod';
import { timestamp } from '../schemas/timestamp.js';

/**
 * The JSON-level type of a column: what a value of it is once read (`timestamp` and `date` are strings).
 *
 * @example
 * const type: ColumnType = 'timestamp';
 */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'timestamp' | 'date' | 'array' | 'object' | 'unknown';

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: readonly z.ZodType[];
  values?: readonly unknown[];
  format?: string | null;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS: ReadonlySet<string> = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/**
 * The {@link ColumnType} of a zod schema: wrappers (optional, nullable...) are looked through, the
 * timestamp schema is `timestamp`, integer formats are `integer`, a union of one type is that type.
 *
 * @example
 * columnTypeOf(z.int().nullish()); // 'integer'
 */
export function columnTypeOf(schema: z.ZodType): ColumnType {
  let current = schema;
  let def = defOf(current);
  while (WRAPPERS.has(def.type) && def.innerType) {
    current = def.innerType;
    def = defOf(current);
  }
  if (current === timestamp) return 'timestamp';
  switch (def.type) {
    case 'string':
    case 'enum':
      return 'string';
    case 'number':
      return def.format && /int/.test(def.format) ? 'integer' : 'number';
    case 'int':
    case 'bigint':
      return 'integer';
    case 'boolean':
      return 'boolean';
    case 'array':
    case 'tuple':
      return 'array';
    case 'object':
    case 'record':
      return 'object';
    case 'pipe':
      return def.in ? columnTypeOf(def.in) : 'unknown';
    case 'literal': {
      const kinds = new Set((def.values ?? []).map((value) => (typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value)));
      return kinds.size === 1 ? ([...kinds][0] as ColumnType) : 'unknown';
    }
    case 'union': {
      const kinds = new Set((def.options ?? []).map(columnTypeOf));
      if (kinds.size === 1) return [...kinds][0]!;
      // v1 flags: true/false or 0/1.
      if (kinds.size === 2 && kinds.has('boolean') && kinds.has('integer')) return 'boolean';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

/**
 * The declared keys of an object schema with their {@link ColumnType}s, in declaration order.
 *
 * @example
 * schemaColumns(dealSchema)[0]; // { name: 'id', type: 'integer' }
 */
export function schemaColumns(schema: z.ZodType): Array<{ name: string; type: ColumnType }> {
  const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType> | undefined;
  return Object.entries(shape ?? {}).map(([name, field]) => ({ name, type: columnTypeOf(field) }));
}
