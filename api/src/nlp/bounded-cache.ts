/**
 * A memo table that cannot grow without bound: when full it is emptied and refills with what
 * is in use now. Token-level work (slang, spelling, stemming) repeats heavily across messages,
 * so the hit rate stays high, and a stream of never-repeating junk costs memory only up to
 * `maxEntries`.
 */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly maxEntries: number) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    if (this.map.size >= this.maxEntries) this.map.clear();
    this.map.set(key, value);
  }

  get size(): number {
    return this.map.size;
  }
}
