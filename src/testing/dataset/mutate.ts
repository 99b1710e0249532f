/** Applies a `MutationSpec` to the tables the way Pipedrive changes data. */
import { hash32, Rng } from '../internal/rng.js';
import { toSecond } from '../internal/time.js';
import { STREAM_CODE, type StreamModel } from './context.js';
import { FLAG_ARCHIVED, FLAG_DELETED, FLAG_REMOVED, type StreamTable } from './table.js';
import type { MutableStream, MutationResult, MutationSpec, StreamName } from './types.js';

type Target = number | ReadonlyArray<number | string> | undefined;

function modelFor(models: Readonly<Record<StreamName, StreamModel>>, stream: string): StreamModel {
  const model = (models as Record<string, StreamModel | undefined>)[stream];
  if (!model || !model.mutable) throw new Error(`mutate: stream "${stream}" cannot be changed (mutable: deals, persons, organizations, activities, leads, notes, products, files)`);
  return model;
}

function isLive(table: StreamTable, index: number): boolean {
  return table.exists(index) && ((table.flags[index] as number) & (FLAG_DELETED | FLAG_ARCHIVED)) === 0;
}

/** Indexes to change: the given ids, or `count` random live records chosen from the seed. */
function resolveTargets(model: StreamModel, target: Target, seed: number, salt: number): number[] {
  const table = model.table;
  if (target === undefined) return [];
  if (typeof target !== 'number') {
    return target.map((id) => {
      const index = model.indexOf(id);
      if (index === 0 || !table.exists(index)) throw new Error(`mutate: ${model.name} ${String(id)} does not exist`);
      return index;
    });
  }
  const live: number[] = [];
  const rng = new Rng(hash32(seed, STREAM_CODE[model.name], 0x4d7, table.version * 8 + salt));
  const wanted = Math.max(0, Math.floor(target));
  const picked = new Set<number>();
  // Random probes first (cheap on big tables), then a scan as a fallback for small or mostly dead ones.
  for (let probe = 0; probe < wanted * 20 && picked.size < wanted && table.size > 0; probe++) {
    const index = 1 + rng.int(table.size);
    if (isLive(table, index)) picked.add(index);
  }
  if (picked.size < wanted) {
    for (let index = 1; index <= table.size && picked.size < wanted; index++) if (isLive(table, index)) live.push(index);
    for (const index of live) if (picked.size < wanted) picked.add(index);
  }
  return [...picked].sort((a, b) => a - b);
}

/**
 * Applies creations, updates, deletions and archivings at time `at` (truncated to the second), in that order.
 *
 * @example
 * applyMutation(models, seed, { update: { deals: 3 } }, new Date());
 */
export function applyMutation(models: Readonly<Record<StreamName, StreamModel>>, seed: number, spec: MutationSpec, at: Date): MutationResult {
  const now = toSecond(at.getTime());
  const result: MutationResult = { created: {}, updated: {}, deleted: {}, archived: {} };
  const touched = new Set<StreamTable>();

  for (const [stream, count] of Object.entries(spec.create ?? {})) {
    const model = modelFor(models, stream);
    const table = model.table;
    const n = Math.max(0, Math.floor(count ?? 0));
    table.reserve(n);
    const ids: Array<number | string> = [];
    for (let i = 0; i < n; i++) {
      const index = ++table.size;
      table.addTime[index] = now;
      table.updateTime[index] = now;
      table.flags[index] = 0;
      table.status[index] = 0;
      ids.push(model.apiId(index));
    }
    result.created[stream as MutableStream] = ids;
    touched.add(table);
  }

  for (const [stream, target] of Object.entries(spec.update ?? {})) {
    const model = modelFor(models, stream);
    const indexes = resolveTargets(model, target, seed, 1);
    for (const index of indexes) {
      model.table.revisions.set(index, model.table.revision(index) + 1);
      model.table.updateTime[index] = now;
    }
    result.updated[stream as MutableStream] = indexes.map((i) => model.apiId(i));
    touched.add(model.table);
  }

  for (const [stream, target] of Object.entries(spec.delete ?? {})) {
    const model = modelFor(models, stream);
    const indexes = resolveTargets(model, target, seed, 2);
    for (const index of indexes) {
      // Leads have no soft delete: they are gone at once.
      model.table.flags[index] = (model.table.flags[index] as number) | (stream === 'leads' ? FLAG_REMOVED : FLAG_DELETED);
      model.table.updateTime[index] = now;
    }
    result.deleted[stream as MutableStream] = indexes.map((i) => model.apiId(i));
    touched.add(model.table);
  }

  for (const [stream, target] of Object.entries(spec.archive ?? {})) {
    if (stream !== 'deals' && stream !== 'leads') throw new Error(`mutate: only deals and leads can be archived, not "${stream}"`);
    const model = modelFor(models, stream);
    const indexes = resolveTargets(model, target, seed, 3);
    for (const index of indexes) {
      model.table.flags[index] = (model.table.flags[index] as number) | FLAG_ARCHIVED;
      model.table.archiveTimes.set(index, now);
      model.table.updateTime[index] = now;
    }
    result.archived[stream] = indexes.map((i) => model.apiId(i));
    touched.add(model.table);
  }

  for (const table of touched) table.version++;
  return result;
}
