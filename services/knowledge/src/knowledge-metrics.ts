import type { ServiceMetrics } from '@ai-opencog/service-kit';
import type { ReadCache } from '@ai-opencog/storage';
import type { Counter, Histogram } from 'prom-client';
import type { StoreObserver } from './timed-store';

const IMPORT_BUCKETS = [0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600, 14400];

/**
 * The knowledge service's own series, beside service-kit's HTTP, job and process metrics:
 * - `storage_operation_duration_seconds{backend,operation}` (service-kit's histogram);
 * - `knowledge_base_atoms{base}`: atoms in each base, read from the store when scraped;
 * - `knowledge_import_atoms_total{format}`, `knowledge_import_bytes_total{format}`,
 *   `knowledge_import_duration_seconds{format,outcome}` and `knowledge_import_atoms_per_second`
 *   (the last finished import's throughput);
 * - `cache_requests_total{cache}` / `cache_hit_ratio{cache}` (service-kit's), for the read cache.
 */
export class KnowledgeMetrics {
  readonly importAtoms: Counter<'format'>;
  readonly importBytes: Counter<'format'>;
  readonly importDuration: Histogram<'format' | 'outcome'>;
  private lastThroughput = 0;

  constructor(readonly service: ServiceMetrics) {
    this.importAtoms = service.counter({
      name: 'knowledge_import_atoms_total',
      help: 'Top-level atoms read by imports, by input format',
      labelNames: ['format'],
    });
    this.importBytes = service.counter({
      name: 'knowledge_import_bytes_total',
      help: 'Bytes of import input read, by input format',
      labelNames: ['format'],
    });
    this.importDuration = service.histogram({
      name: 'knowledge_import_duration_seconds',
      help: 'Time an import took, by input format and outcome',
      labelNames: ['format', 'outcome'],
      buckets: IMPORT_BUCKETS,
    });
    const self = this;
    service.gauge({
      name: 'knowledge_import_atoms_per_second',
      help: 'Top-level atoms per second of the last import that finished',
      collect() {
        this.set(self.lastThroughput);
      },
    });
  }

  /** The storage latency observer for timedStore(). */
  storeObserver(backend: string): StoreObserver {
    const histogram = this.service.storageLatency;
    return (operation, seconds) => histogram.observe({ backend, operation }, seconds);
  }

  /** Atoms per base, asked of `count` when Prometheus scrapes. */
  watchBaseSizes(count: () => Promise<{ name: string; atomCount: number }[]>): void {
    this.service.gauge({
      name: 'knowledge_base_atoms',
      help: 'Atoms in each knowledge base',
      labelNames: ['base'],
      async collect() {
        const bases = await count();
        this.reset();
        for (const b of bases) this.set({ base: b.name }, b.atomCount);
      },
    });
  }

  /** Counts an import that ended. */
  importFinished(format: string, outcome: 'succeeded' | 'failed' | 'cancelled', atoms: number, bytes: number, seconds: number): void {
    this.importAtoms.inc({ format }, atoms);
    this.importBytes.inc({ format }, bytes);
    this.importDuration.observe({ format, outcome }, seconds);
    if (outcome === 'succeeded' && seconds > 0) this.lastThroughput = atoms / seconds;
  }

  /** The read cache, with each lookup counted as a hit or a miss. */
  countedCache(cache: ReadCache, name = 'atoms'): ReadCache {
    const metrics = this.service;
    return {
      async getOrLoad<T>(scope: string, key: string, load: () => Promise<T>): Promise<T> {
        let missed = false;
        const value = await cache.getOrLoad(scope, key, () => {
          missed = true;
          return load();
        });
        metrics.recordCacheLookup(name, !missed);
        return value;
      },
      invalidate: (scope) => cache.invalidate(scope),
      close: () => cache.close(),
    };
  }
}
