// The subset of autocannon 9's programmatic API that the suite uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface TRequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }

  export interface TRequest extends TRequestParams {
    /** Called before every request built from this entry; returns the request to send. */
    setupRequest?: (request: TRequestParams, context: Record<string, unknown>) => TRequestParams | null;
  }

  export interface TOptions {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: TRequest[];
    title?: string;
  }

  export interface THistogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
  }

  export interface TResult {
    title?: string;
    url: string;
    connections: number;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    '4xx': number;
    '5xx': number;
    statusCodeStats: Record<string, { count: number }>;
    latency: THistogram;
    requests: THistogram & { sent: number };
    throughput: THistogram;
  }

  export interface TInstance extends EventEmitter, PromiseLike<TResult> {
    stop: () => void;
  }

  export default function autocannon(options: TOptions): TInstance;
}
