import type { NextFunction, Request, Response } from 'express';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

const HTTP_LABELS = ['method', 'route', 'status'] as const;
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const LONG_BUCKETS = [0.01, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600];

/** The route label of requests that matched no route, so that raw URLs never become labels. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * The metrics of one service, in a registry of its own (several services, or tests, can share a
 * process): Node's default metrics, the HTTP metrics, and the domain metrics a service uses,
 * each created on first use so that a service exposes only its own.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpRequests: Counter<(typeof HTTP_LABELS)[number]>;
  readonly httpDuration: Histogram<(typeof HTTP_LABELS)[number]>;
  readonly httpErrors: Counter<(typeof HTTP_LABELS)[number] | 'code'>;
  private readonly lazy = new Map<string, unknown>();
  private readonly cacheCounts = new Map<string, { hits: number; misses: number }>();

  constructor(options: { service: string; defaultMetrics?: boolean }) {
    this.registry.setDefaultLabels({ service: options.service });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.httpRequests = this.counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: HTTP_LABELS,
    });
    this.httpDuration = this.histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by method, route pattern and status',
      labelNames: HTTP_LABELS,
      buckets: DURATION_BUCKETS,
    });
    this.httpErrors = this.counter({
      name: 'http_request_errors_total',
      help: 'HTTP requests answered with an error body, by method, route pattern, status and error code',
      labelNames: [...HTTP_LABELS, 'code'],
    });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return new Counter({ ...config, registers: [this.registry] });
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return new Gauge({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return new Histogram({ ...config, registers: [this.registry] });
  }

  /** Atoms in each space of working memory. */
  get spaceAtoms(): Gauge<'space'> {
    return this.once('spaceAtoms', () => this.gauge({ name: 'atomspace_atoms', help: 'Atoms in each space', labelNames: ['space'] }));
  }

  /** Pattern-matcher query time, by kind (get, bind, query, meet, satisfaction). */
  get queryDuration(): Histogram<'kind'> {
    return this.once('queryDuration', () =>
      this.histogram({ name: 'query_duration_seconds', help: 'Query time', labelNames: ['kind'], buckets: DURATION_BUCKETS }),
    );
  }

  /** Reasoning and learning run time, by kind (forward-chain, backward-chain, mine, attention). */
  get inferenceDuration(): Histogram<'kind'> {
    return this.once('inferenceDuration', () =>
      this.histogram({ name: 'inference_duration_seconds', help: 'Reasoning and learning run time', labelNames: ['kind'], buckets: LONG_BUCKETS }),
    );
  }

  /** Jobs running now, by kind (the JobManager keeps it). */
  get jobsRunning(): Gauge<'kind'> {
    return this.once('jobsRunning', () => this.gauge({ name: 'jobs_running', help: 'Jobs running', labelNames: ['kind'] }));
  }

  /** Jobs finished, by kind and final status (the JobManager counts them). */
  get jobsFinished(): Counter<'kind' | 'status'> {
    return this.once('jobsFinished', () =>
      this.counter({ name: 'jobs_finished_total', help: 'Jobs finished, by final status', labelNames: ['kind', 'status'] }),
    );
  }

  /** Storage operation time, by backend and operation. */
  get storageLatency(): Histogram<'backend' | 'operation'> {
    return this.once('storageLatency', () =>
      this.histogram({
        name: 'storage_operation_duration_seconds',
        help: 'Storage operation time',
        labelNames: ['backend', 'operation'],
        buckets: DURATION_BUCKETS,
      }),
    );
  }

  /** Counts a cache lookup; exposed as `cache_requests_total{cache,result}` and `cache_hit_ratio{cache}`. */
  recordCacheLookup(cache: string, hit: boolean): void {
    const requests = this.once('cacheRequests', () =>
      this.counter({ name: 'cache_requests_total', help: 'Cache lookups, by result', labelNames: ['cache', 'result'] }),
    );
    this.once('cacheRatio', () => {
      const counts = this.cacheCounts;
      return this.gauge({
        name: 'cache_hit_ratio',
        help: 'Share of cache lookups that hit, since start',
        labelNames: ['cache'],
        collect() {
          for (const [name, { hits, misses }] of counts) this.set({ cache: name }, hits / (hits + misses));
        },
      });
    });
    requests.inc({ cache, result: hit ? 'hit' : 'miss' });
    const counts = this.cacheCounts.get(cache) ?? { hits: 0, misses: 0 };
    if (hit) counts.hits++;
    else counts.misses++;
    this.cacheCounts.set(cache, counts);
  }

  /** Express middleware counting and timing every request once it is answered. */
  httpMiddleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const stop = this.httpDuration.startTimer();
      res.on('finish', () => {
        const labels = { method: req.method, route: routeLabel(res), status: String(res.statusCode) };
        this.httpRequests.inc(labels);
        stop(labels);
      });
      next();
    };
  }

  private once<T>(key: string, create: () => T): T {
    if (!this.lazy.has(key)) this.lazy.set(key, create());
    return this.lazy.get(key) as T;
  }
}

/** Marks the response with the route pattern it matched, for the metrics' `route` label. */
export function setRouteLabel(res: Response, pattern: string): void {
  res.locals.routePattern = pattern;
}

export function routeLabel(res: Response): string {
  return typeof res.locals.routePattern === 'string' ? res.locals.routePattern : UNMATCHED_ROUTE;
}
