import { describe, expect, it } from 'vitest';
import { streamNames, streamTable } from '../../src/streams/table.js';
import type { EndpointSpec, StreamSpec } from '../../src/streams/types.js';
import { exampleItems, operation } from '../support/openapi.js';

/** Every endpoint the stream table reads, with the schema its records are parsed with. */
const rows = streamNames.flatMap((name) => {
  const spec: StreamSpec = streamTable[name];
  const endpoints: EndpointSpec[] = spec.archived ? [spec.endpoint, spec.archived] : [spec.endpoint];
  return endpoints.map((endpoint) => ({ name, endpoint, schema: spec.schema }));
});

describe('record schemas against the OpenAPI examples of every endpoint in the stream table', () => {
  for (const { name, endpoint, schema } of rows) {
    it(`parses the example of GET /${endpoint.api}${endpoint.path} with the ${name} schema`, () => {
      const items = exampleItems(endpoint.api, endpoint.path);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        const result = schema.safeParse(item);
        expect(result.error?.issues).toBeUndefined();
        expect(result.data).toEqual(item);
      }
    });

    it(`uses the x-token-cost and page limit the spec gives GET /${endpoint.api}${endpoint.path}`, () => {
      const op = operation(endpoint.api, endpoint.path);
      expect(endpoint.tokenCost).toBe(op['x-token-cost']);
      expect(op.deprecated ?? false).toBe(false);
      const names = (op.parameters ?? []).map((p: { name?: string; $ref?: string }) => p.name ?? p.$ref);
      if (endpoint.pagination === 'cursor') expect(names).toEqual(expect.arrayContaining(['cursor', 'limit']));
      if (endpoint.pagination === 'offset') expect(names).toEqual(expect.arrayContaining(['start', 'limit']));
      if (endpoint.pagination === 'none') expect(names).not.toContain('limit');
      if (endpoint.since === 'server') expect(names).toContain('updated_since');
      if (endpoint.until === 'server') expect(names).toContain('updated_until');
    });
  }
});
