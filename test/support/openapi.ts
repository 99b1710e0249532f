import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/** Parsed OpenAPI YAML: walked by key, untyped. */
export type Json = any;
export type Version = 'v1' | 'v2';

const specCache = new Map<Version, Json>();

/** Parses `../shared/pipedrive-openapi/<version>.yaml` once per test file. */
export function loadSpec(version: Version): Json {
  let spec = specCache.get(version);
  if (spec === undefined) {
    const file = resolve(process.cwd(), '..', 'shared', 'pipedrive-openapi', `${version}.yaml`);
    spec = parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 });
    specCache.set(version, spec);
  }
  return spec;
}

/** Follows local `$ref`s (`#/components/...`) until a non-reference node. */
export function deref(spec: Json, node: Json): Json {
  let current = node;
  for (let hops = 0; current && typeof current === 'object' && '$ref' in current; hops++) {
    if (hops > 32) throw new Error(`$ref cycle at ${current.$ref}`);
    const pointer = String(current.$ref).replace(/^#\//, '').split('/');
    current = pointer.reduce(
      (target: Json, part) => target?.[part.replace(/~1/g, '/').replace(/~0/g, '~')],
      spec,
    );
  }
  return current;
}

/**
 * The example body of the 200 response of `GET <path>`. Every operation under test carries a whole
 * `example`; named `examples` are read too in case a spec update moves it there.
 */
export function responseExample(version: Version, path: string): Json {
  const spec = loadSpec(version);
  const operation = spec.paths?.[path]?.get;
  if (!operation) throw new Error(`GET ${path} is not in the ${version} spec`);
  const content = deref(spec, operation.responses['200']).content['application/json'];
  if (content.example !== undefined) return deref(spec, content.example);
  const named = Object.values(content.examples ?? {})[0];
  if (named !== undefined) return deref(spec, named).value;
  throw new Error(`GET ${path} (${version}) has no example for its 200 response`);
}

/** The items of `data` of the 200 response example of `GET <path>`. */
export function exampleItems(version: Version, path: string): unknown[] {
  const data = responseExample(version, path)?.data;
  return Array.isArray(data) ? data : [data];
}

/** The GET operation of `path` in the spec. */
export function operation(version: Version, path: string): Json {
  const op = loadSpec(version).paths?.[path]?.get;
  if (!op) throw new Error(`GET ${path} is not in the ${version} spec`);
  return op;
}
