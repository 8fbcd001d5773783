// Shared by benchmarks: write rows to experiments/results/bench-NAME.json with the machine they ran on, and print a table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../datasets/paths.ts';

export type BenchRow = Record<string, string | number | boolean | null>;

export function writeBenchResults(name: string, rows: BenchRow[], notes: Record<string, unknown> = {}): string {
  const dir = join(REPO_ROOT, 'experiments', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${name}.json`);
  const machine = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memGb: Math.round(totalmem() / 2 ** 30) };
  writeFileSync(file, `${JSON.stringify({ bench: name, date: new Date().toISOString(), machine, notes, rows }, null, 2)}\n`);
  return file;
}

export function printBenchTable(title: string, rows: BenchRow[]): void {
  const headers = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const format = (value: unknown) => (typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toPrecision(4)) : String(value ?? ''));
  const cells = [headers, ...rows.map((row) => headers.map((h) => format(row[h])))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  process.stdout.write(`\n${title}\n`);
  for (const r of cells) process.stdout.write(`${r.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ')}\n`);
}
