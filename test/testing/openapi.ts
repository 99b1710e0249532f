/**
 * Validates fake responses against the 200 response schema of their operation in Pipedrive's OpenAPI 3.0 specs:
 * resolves `$ref`s, turns `nullable` into JSON Schema, and lets a test relax named fields where the live API is
 * known to differ from the spec.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/** Untyped OpenAPI / JSON Schema node. */
export type Node = any;

/** Spec version. */
export type Version = 'v1' | 'v2';

// ajv and ajv-formats are CommonJS: under NodeNext their default import is the module object.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

const SPEC_DIR = fileURLToPath(new URL('../../../shared/pipedrive-openapi/', import.meta.url));

/** Parses `../shared/pipedrive-openapi/<version>.yaml`. */
export function loadSpec(version: Version): Node {
  return parse(readFileSync(`${SPEC_DIR}${version}.yaml`, 'utf8'), { maxAliasCount: -1 });
}

function resolveRef(spec: Node, ref: string): Node {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .reduce((node: Node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], spec);
}

/** OpenAPI 3.0 schema -> JSON Schema (draft 7) with every `$ref` inlined. */
export function toJsonSchema(spec: Node, node: Node, depth = 0): Node {
  if (depth > 64) throw new Error('schema too deep (recursive $ref?)');
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(spec, n, depth + 1));
  if (!node || typeof node !== 'object') return node;
  if ('$ref' in node) return toJsonSchema(spec, resolveRef(spec, node.$ref), depth + 1);
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) {
    if (['example', 'examples', 'nullable', 'xml', 'externalDocs', 'discriminator', 'deprecated'].includes(key) || key.startsWith('x-')) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toJsonSchema(spec, v, depth + 1)]));
    } else if (['items', 'additionalProperties', 'not'].includes(key) && typeof value === 'object') {
      out[key] = toJsonSchema(spec, value, depth + 1);
    } else if (['allOf', 'anyOf', 'oneOf'].includes(key)) {
      out[key] = toJsonSchema(spec, value, depth + 1);
    } else {
      out[key] = value;
    }
  }
  return node.nullable === true ? nullable(out) : out;
}

function nullable(schema: Node): Node {
  if (typeof schema.type === 'string' && !schema.allOf && !schema.anyOf && !schema.oneOf) {
    const out = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum)) out.enum = [...schema.enum, null];
    return out;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

/** Every subschema describing property `name` of `node` (looking through allOf / anyOf / oneOf). */
function propertySchemas(node: Node, name: string): Array<{ holder: Node; key: string }> {
  const found: Array<{ holder: Node; key: string }> = [];
  if (node?.properties && name in node.properties) found.push({ holder: node.properties, key: name });
  for (const k of ['allOf', 'anyOf', 'oneOf']) for (const sub of node?.[k] ?? []) found.push(...propertySchemas(sub, name));
  return found;
}

function itemSchemas(node: Node): Array<{ holder: Node; key: string }> {
  const found: Array<{ holder: Node; key: string }> = [];
  if (node?.items) found.push({ holder: node, key: 'items' });
  for (const k of ['allOf', 'anyOf', 'oneOf']) for (const sub of node?.[k] ?? []) found.push(...itemSchemas(sub));
  return found;
}

/**
 * A deviation of the live API from the spec: `path` like `data[].person_id` or `additional_data.next_cursor`;
 * `nullable` lets the field be null, `any-format` drops its `format`.
 */
export interface Relaxation {
  path: string;
  kind: 'nullable' | 'any-format';
}

/** Applies relaxations in place; throws when a path names nothing (so the list cannot go stale silently). */
export function relax(schema: Node, relaxations: readonly Relaxation[]): Node {
  for (const { path, kind } of relaxations) {
    let targets: Array<{ holder: Node; key: string }> = [{ holder: { root: schema }, key: 'root' }];
    for (const segment of path.split('.')) {
      const [name, arrays] = [segment.replace(/\[\]$/g, ''), segment.endsWith('[]')];
      targets = targets.flatMap((t) => propertySchemas(t.holder[t.key], name));
      if (arrays) targets = targets.flatMap((t) => itemSchemas(t.holder[t.key]));
    }
    if (targets.length === 0) throw new Error(`relaxation ${path} matches nothing in the schema`);
    for (const t of targets) {
      if (kind === 'nullable') t.holder[t.key] = { anyOf: [t.holder[t.key], { type: 'null' }] };
      else delete t.holder[t.key].format;
    }
  }
  return schema;
}

/**
 * Compiles validators for the 200 responses of GET operations.
 *
 * @example
 * const validator = new ResponseValidator();
 * validator.validate('v2', '/deals', body, []); // [] when valid
 */
export class ResponseValidator {
  private readonly specs: Record<Version, Node> = { v1: loadSpec('v1'), v2: loadSpec('v2') };
  private readonly ajv: InstanceType<typeof Ajv>;

  constructor() {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
  }

  /** The GET operation of a path. */
  operation(version: Version, path: string): Node {
    const op = this.specs[version].paths?.[path]?.get;
    if (!op) throw new Error(`GET ${path} is not in the ${version} spec`);
    return op;
  }

  /** A validator of the operation's 200 JSON body, with relaxations applied. */
  compile(version: Version, path: string, relaxations: readonly Relaxation[]): ValidateFunction {
    const spec = this.specs[version];
    let response = this.operation(version, path).responses['200'];
    if (response.$ref) response = resolveRef(spec, response.$ref);
    const schema = relax(toJsonSchema(spec, response.content['application/json'].schema), relaxations);
    return this.ajv.compile(schema);
  }
}
