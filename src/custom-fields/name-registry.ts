import type { NameMap } from './name-map.js';

/**
 * The custom-field names a client's named reads used, per stream: the last read of a stream wins. Read
 * it after a run (`pd.customFieldNames()`) and pass it back as `customFieldNames` next time.
 *
 * @example
 * const registry = new NameRegistry();
 * registry.record('deals', { [key]: 'deal_source' });
 * registry.snapshot(); // { deals: { [key]: 'deal_source' } }
 */
export class NameRegistry {
  readonly #streams = new Map<string, Readonly<Record<string, string>>>();

  /**
   * Stores the names a read of `stream` decodes with.
   *
   * @example
   * registry.record('leads', names);
   */
  record(stream: string, names: Readonly<Record<string, string>>): void {
    this.#streams.set(stream, { ...names });
  }

  /**
   * A copy of every stream's names, safe to mutate and to serialise.
   *
   * @example
   * await saveState({ ...state, customFieldNames: registry.snapshot() });
   */
  snapshot(): NameMap {
    const out: NameMap = {};
    for (const [stream, names] of this.#streams) out[stream] = { ...names };
    return out;
  }
}
