import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../examples/demo.js';
import { capture, removeDir, tempDir } from './helpers.js';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('pdx-demo-');
});
afterAll(async () => {
  await removeDir(dir);
});

describe('npm run demo', () => {
  it('runs a full and an incremental sync through the CLI and reports what changed', async () => {
    const stdout = capture();
    const stderr = capture();
    const result = await runDemo({ deals: 400, out: join(dir, 'demo-output'), latencyMs: 2, requestsPer2s: 200, stdout, stderr });
    expect(result.fullExitCode).toBe(0);
    expect(result.incrementalExitCode).toBe(0);
    const text = stdout.text();
    expect(text.match(/^Done in .*18\/18 streams/gm)).toHaveLength(2);
    expect(text).toContain('What the incremental sync wrote');
    const deals = result.changes.find((c) => c.stream === 'deals')!;
    expect(deals.created).toBe(result.mutation.created.deals!.length);
    expect(deals.deleted).toBe(result.mutation.deleted.deals!.length);
    expect(deals.updated).toBeGreaterThanOrEqual(result.mutation.updated.deals!.length - result.mutation.deleted.deals!.length);
    for (const change of result.changes) expect(change.created).toBe(result.mutation.created[change.stream as 'deals']?.length ?? 0);
  });
});
