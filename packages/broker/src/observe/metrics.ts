import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The broker's Prometheus metrics. */
export interface BrokerMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  upstreamDuration: Histogram<'operation' | 'outcome'>;
  webhooks: Counter<'outcome'>;
  /** Job runs by kind and outcome (ok, retried_ok, retry, gave_up, not_ours). */
  jobs: Counter<'kind' | 'outcome'>;
  /** Dots user links by outcome (`linked`, `conflict`) and source. */
  userLinks: Counter<'outcome' | 'source'>;
  sseStreams: Gauge;
  /**
   * Counts one handled request and observes its duration (seconds) under the same labels.
   * The labelled series are looked up once per label set (routes and statuses are few),
   * not hashed from a label object on every request.
   */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Times `fn` as an upstream call named `operation`. */
  timeUpstream<T>(operation: string, fn: () => Promise<T>): Promise<T>;
}

/** Registers the broker's metrics on `registry` (default: a new one). */
export function createMetrics(registry: Registry = new Registry()): BrokerMetrics {
  const requests = new Counter({
    name: 'dotskit_broker_requests_total',
    help: 'HTTP requests handled by the broker, by route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const requestDuration = new Histogram({
    name: 'dotskit_broker_request_duration_seconds',
    help: 'Broker request latency, by route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const upstreamDuration = new Histogram({
    name: 'dotskit_broker_upstream_duration_seconds',
    help: 'Latency of calls from the broker to Dots, by operation and outcome.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'dotskit_broker_webhooks_total',
    help: 'Webhook deliveries received, by outcome (accepted, duplicate, invalid_signature, stale, invalid, body_parsed, error).',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'dotskit_broker_jobs_total',
    help: 'Background job runs (kind: webhook, batch) by outcome (ok, retried_ok, retry, gave_up, not_ours).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const userLinks = new Counter({
    name: 'dotskit_broker_user_links_total',
    help: 'Dots users linked to principals, by outcome (linked, conflict: an existing link to another user was kept) and source.',
    labelNames: ['outcome', 'source'] as const,
    registers: [registry],
  });
  const sseStreams = new Gauge({
    name: 'dotskit_broker_sse_streams_open',
    help: 'Server-sent event streams currently open on this instance.',
    registers: [registry],
  });
  const requestSeries = new Map<
    string,
    { count: { inc(): void }; duration: { observe(value: number): void } }
  >();
  const upstreamSeries = new Map<string, { observe(value: number): void }>();
  const upstream = (operation: string, outcome: 'ok' | 'error') => {
    const key = `${operation} ${outcome}`;
    let series = upstreamSeries.get(key);
    if (!series) {
      series = upstreamDuration.labels(operation, outcome);
      upstreamSeries.set(key, series);
    }
    return series;
  };
  return {
    registry,
    requests,
    requestDuration,
    upstreamDuration,
    webhooks,
    jobs,
    userLinks,
    sseStreams,
    observeRequest(method, route, status, seconds) {
      const key = `${method} ${route} ${status}`;
      let series = requestSeries.get(key);
      if (!series) {
        const labels = [method, route, String(status)] as const;
        series = { count: requests.labels(...labels), duration: requestDuration.labels(...labels) };
        requestSeries.set(key, series);
      }
      series.count.inc();
      series.duration.observe(seconds);
    },
    async timeUpstream(operation, fn) {
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      try {
        const result = await fn();
        upstream(operation, 'ok').observe(seconds());
        return result;
      } catch (err) {
        upstream(operation, 'error').observe(seconds());
        throw err;
      }
    },
  };
}
