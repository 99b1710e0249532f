import type { LoadCatalogOptions } from './load-field-catalog.js';
import type { CatalogName, FieldCatalog } from './field-catalog.js';

/**
 * Options of {@link CatalogCache.get}.
 *
 * @example
 * await cache.get('person_fields', { refresh: true, signal });
 */
export interface GetCatalogOptions extends LoadCatalogOptions {
  /** Read the catalog again even when one is cached (a refresh already in flight is shared). */
  refresh?: boolean;
}

interface Entry {
  promise: Promise<FieldCatalog>;
  settled: boolean;
}

/**
 * The field catalogs of one client: each loaded once, on first use, shared by every read of the client
 * until refreshed. A failed load is forgotten so the next read tries again.
 *
 * @example
 * const cache = new CatalogCache((name, options) => loadFieldCatalog(transport, name, options));
 * const deals = await cache.get('deal_fields');
 */
export class CatalogCache {
  readonly #load: (catalog: CatalogName, options: LoadCatalogOptions) => Promise<FieldCatalog>;
  readonly #entries = new Map<CatalogName, Entry>();
  /** Keys and option ids a catalog was found to lack after it was loaded or refreshed for them. */
  readonly #missing = new WeakMap<FieldCatalog, Set<string>>();

  constructor(load: (catalog: CatalogName, options: LoadCatalogOptions) => Promise<FieldCatalog>) {
    this.#load = load;
  }

  /**
   * The cached catalog, or a fresh one when there is none or `refresh` is set.
   *
   * @example
   * await cache.get('deal_fields', { refresh: true });
   */
  get(catalog: CatalogName, options: GetCatalogOptions = {}): Promise<FieldCatalog> {
    const current = this.#entries.get(catalog);
    if (current && (!options.refresh || !current.settled)) return current.promise;
    const entry: Entry = { promise: this.#load(catalog, { ...(options.signal ? { signal: options.signal } : {}), ...(options.meter ? { meter: options.meter } : {}) }), settled: false };
    this.#entries.set(catalog, entry);
    entry.promise.then(
      () => {
        entry.settled = true;
      },
      () => {
        if (this.#entries.get(catalog) === entry) this.#entries.delete(catalog);
      },
    );
    return entry.promise;
  }

  /**
   * Whether every token (a field key, or `key:optionId`) is already known to be missing from `catalog`,
   * so reading the catalog again would not help.
   *
   * @example
   * cache.knownMissing(catalog, ['dcf5...be12:99']); // true once recorded
   */
  knownMissing(catalog: FieldCatalog, tokens: Iterable<string>): boolean {
    const missing = this.#missing.get(catalog);
    for (const token of tokens) if (!missing?.has(token)) return false;
    return true;
  }

  /**
   * Records tokens `catalog` lacks although it is current (deleted options, values of deleted fields).
   *
   * @example
   * cache.recordMissing(catalog, ['dcf5...be12:99']);
   */
  recordMissing(catalog: FieldCatalog, tokens: Iterable<string>): void {
    let missing = this.#missing.get(catalog);
    if (!missing) this.#missing.set(catalog, (missing = new Set()));
    for (const token of tokens) missing.add(token);
  }
}
