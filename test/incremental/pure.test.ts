import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/index.js';
import { Channel } from '../../src/incremental/channel.js';
import { PositionTracker, startPosition } from '../../src/incremental/position.js';
import { loadState } from '../../src/incremental/state.js';
import { selectStreams } from '../../src/incremental/stream-selection.js';

const ms = (iso: string) => Date.parse(iso);

describe('loadState', () => {
  it('accepts an object or its JSON text, and nothing as empty', () => {
    const state = { version: 1, streams: { deals: { watermark: '2026-11-01T10:00:00Z', idsAtWatermark: [1, 2] } } };
    expect(loadState(state)).toEqual(state);
    expect(loadState(JSON.stringify(state))).toEqual(state);
    expect(loadState(undefined)).toEqual({ version: 1, streams: {} });
  });

  it.each([
    ['{not json', /not valid JSON/],
    [{ version: 2, streams: {} }, /version 2/],
    [{ streams: {} }, /corrupt at "version"/],
    [{ version: 1, streams: { deals: { watermark: 'yesterday', idsAtWatermark: [] } } }, /corrupt at "streams.deals.watermark"/],
    [{ version: 1, streams: { deals: { watermark: '2026-11-01T10:00:00Z' } } }, /idsAtWatermark/],
    [[1, 2], /corrupt/],
  ])('refuses %j with a ConfigError', (input, reason) => {
    expect(() => loadState(input)).toThrow(ConfigError);
    expect(() => loadState(input)).toThrow(reason);
  });
});

describe('selectStreams', () => {
  it("selects every stream with '*', incremental where possible", () => {
    const selected = selectStreams({ '*': {}, pipelines: { mode: 'full-refresh' } });
    expect(selected).toHaveLength(18);
    expect(selected.find((s) => s.name === 'deals')?.mode).toBe('incremental');
    expect(selected.find((s) => s.name === 'pipelines')?.mode).toBe('full-refresh');
    expect(selected.find((s) => s.name === 'currencies')?.mode).toBe('full-refresh');
  });

  it('honours a default mode and per-stream modes', () => {
    expect(selectStreams({ deals: null, persons: { mode: 'incremental' } }, 'full-refresh')).toEqual([
      { name: 'deals', mode: 'full-refresh' },
      { name: 'persons', mode: 'incremental' },
    ]);
  });

  it('refuses an unknown stream, an unknown mode and incremental where the API cannot do it', () => {
    expect(() => selectStreams({ contacts: {} })).toThrow(/Unknown stream "contacts". Valid streams: deals/);
    expect(() => selectStreams({ deals: { mode: 'append' as never } })).toThrow(/incremental or full-refresh/);
    expect(() => selectStreams({ pipelines: { mode: 'incremental' } })).toThrow(/pipelines cannot be synced incrementally.*Incremental streams: deals/);
  });
});

describe('PositionTracker', () => {
  it('skips ids already delivered at the start second, and only those', () => {
    const tracker = new PositionTracker({ watermark: '2026-01-01T00:00:00Z', idsAtWatermark: [5, 6] }, ms('2026-06-01T00:00:00Z'));
    expect(tracker.isDuplicate(5, ms('2026-01-01T00:00:00Z'))).toBe(true);
    expect(tracker.isDuplicate(7, ms('2026-01-01T00:00:00Z'))).toBe(false);
    expect(tracker.isDuplicate(5, ms('2026-01-01T00:00:01Z'))).toBe(false);
  });

  it('moves to the newest second and lists the ids seen there', () => {
    const tracker = new PositionTracker({ watermark: '2026-01-01T00:00:00Z', idsAtWatermark: [5] }, ms('2026-06-01T00:00:00Z'));
    tracker.advance(7, ms('2026-01-01T00:00:00.500Z'));
    expect(tracker.position()).toEqual({ watermark: '2026-01-01T00:00:00Z', idsAtWatermark: [5, 7] });
    tracker.advance(8, ms('2026-01-02T00:00:00Z'));
    tracker.advance(9, ms('2026-01-02T00:00:00Z'));
    expect(tracker.position()).toEqual({ watermark: '2026-01-02T00:00:00Z', idsAtWatermark: [8, 9] });
  });

  it('lists no ids for the second the run started in, since those records may change again within it', () => {
    const run = ms('2026-06-01T12:00:00.400Z');
    const tracker = new PositionTracker({ watermark: '2026-01-01T00:00:00Z', idsAtWatermark: [] }, run);
    tracker.advance(1, ms('2026-06-01T12:00:00Z'));
    expect(tracker.position()).toEqual({ watermark: '2026-06-01T12:00:00Z', idsAtWatermark: [] });
  });

  it('starts at the anchor, or the saved position moved back by the lookback', () => {
    expect(startPosition(undefined, new Date('2025-01-01T00:00:00.700Z'), 0)).toEqual({ watermark: '2025-01-01T00:00:00Z', idsAtWatermark: [] });
    const saved = { watermark: '2026-01-01T00:10:00Z', idsAtWatermark: [1] };
    expect(startPosition(saved, new Date(0), 0)).toBe(saved);
    expect(startPosition(saved, new Date(0), 600_000)).toEqual({ watermark: '2026-01-01T00:00:00Z', idsAtWatermark: [] });
  });
});

describe('Channel', () => {
  it('delivers in order and holds producers back at capacity', async () => {
    const channel = new Channel<number>(2);
    let pushed = 0;
    const producer = (async () => {
      for (let i = 0; i < 5; i += 1) {
        await channel.push(i);
        pushed += 1;
      }
      channel.close();
    })();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(pushed).toBe(2);
    const got: number[] = [];
    for await (const n of channel) got.push(n);
    await producer;
    expect(got).toEqual([0, 1, 2, 3, 4]);
  });
});
