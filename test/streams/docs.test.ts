import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderStreamsDoc } from '../../src/streams/streams-doc.js';

describe('docs/streams.md', () => {
  it('matches the stream table (run npm run docs:streams after changing it)', () => {
    expect(readFileSync('docs/streams.md', 'utf8')).toBe(renderStreamsDoc());
  });
});
