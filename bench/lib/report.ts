import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TLoadResult } from './load.ts';

/** A load result with its share of the hello-world ceiling. */
export interface TReportRow extends TLoadResult {
  /** requestsPerSecond ÷ the hello-world's requestsPerSecond. */
  ratioToCeiling: number;
}

const HEADERS = [
  'benchmark',
  'req/s',
  'p50 ms',
  'p95 ms',
  'p99 ms',
  'RSS MB',
  'vs ceiling',
  'CPU app',
  'CPU db',
  'CPU gen',
  'non-2xx',
];

/** Adds each row's ratio to the ceiling (the first row, or the row named `ceilingName`). */
export function withRatios(results: TLoadResult[], ceilingName: string): TReportRow[] {
  const ceiling = results.find((r) => r.name === ceilingName)?.requestsPerSecond ?? 0;
  return results.map((r) => ({
    ...r,
    ratioToCeiling: ceiling > 0 ? Math.round((r.requestsPerSecond / ceiling) * 10_000) / 10_000 : 0,
  }));
}

/** The results as a plain-text table: RSS is the peak of the process under load; CPU in cores (1 = one core busy). */
export function formatTable(rows: TReportRow[]): string {
  const cells = rows.map((r) => [
    r.name,
    r.requestsPerSecond.toLocaleString('en-US'),
    String(r.latencyMs.p50),
    String(r.latencyMs.p95),
    String(r.latencyMs.p99),
    r.process.rssPeakMb.toFixed(1),
    r.kind === 'database' ? '–' : `${(r.ratioToCeiling * 100).toFixed(1)} %`,
    r.process.cpuCores.toFixed(2),
    r.databaseCpuCores === null ? '–' : r.databaseCpuCores.toFixed(2),
    r.generatorCpuCores.toFixed(2),
    String(r.non2xx + r.errors + r.timeouts),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (i > 0 ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(HEADERS), rule, ...cells.map(line)].join('\n');
}

/** Writes the report as bench/results/<ISO timestamp>.json (colons become dashes) and returns its path. */
export function saveReport(dir: string, startedAt: Date, report: unknown): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startedAt.toISOString().replaceAll(':', '-')}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
