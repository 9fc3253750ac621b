interface Waiter<V> {
  resolve: (value: V | undefined) => void;
  reject: (error: unknown) => void;
}

export interface BatchedLookupOptions {
  /** Loads running at once; lookups that arrive meanwhile wait and leave together in the next. */
  maxInFlight: number;
  /** Keys in one load at most. */
  maxBatch: number;
}

/**
 * Answers single-key lookups, combining those that arrive while earlier loads are running into
 * one load of many keys. At rest a lookup leaves at once, alone, so it waits for nothing; under
 * load, one query answers many callers instead of each paying its own round trip, and the
 * database does a fraction of the work. A lookup never joins a load already sent, so it always
 * sees data at least as fresh as the moment it was asked.
 */
export class BatchedLookup<K, V> {
  private readonly waiting = new Map<K, Waiter<V>[]>();
  private inFlight = 0;

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    private readonly options: BatchedLookupOptions,
  ) {}

  get(key: K): Promise<V | undefined> {
    return new Promise<V | undefined>((resolve, reject) => {
      const waiters = this.waiting.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.waiting.set(key, [{ resolve, reject }]);
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.size > 0) {
      const batch = new Map<K, Waiter<V>[]>();
      for (const [key, waiters] of this.waiting) {
        if (batch.size === this.options.maxBatch) break;
        batch.set(key, waiters);
        this.waiting.delete(key);
      }
      this.inFlight++;
      this.run(batch);
    }
  }

  private run(batch: Map<K, Waiter<V>[]>): void {
    const settle = (each: (waiter: Waiter<V>, key: K) => void) => {
      this.inFlight--;
      for (const [key, waiters] of batch) for (const waiter of waiters) each(waiter, key);
      this.dispatch();
    };
    const keys = [...batch.keys()];
    // A load that throws before its promise exists fails its batch like one that rejects.
    Promise.resolve(keys)
      .then((keys) => this.load(keys))
      .then(
        (found) => settle((waiter, key) => waiter.resolve(found.get(key))),
        (error: unknown) => settle((waiter) => waiter.reject(error)),
      );
  }
}
