import { appendFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the tables are also written (gitignored results, pasted into issue notes). */
const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Prints a markdown table to stdout (and appends it to `results/<file>.md`). */
export function printTable(
  title: string,
  rows: Record<string, string | number>[],
  file: string,
): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => String(v ?? '').replace(/\|/g, '\\|');
  const lines = [
    `### ${title}`,
    '',
    `_machine: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1/5/15 min) when the table was printed_`,
    '',
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${columns.map((c) => cell(r[c])).join(' | ')} |`),
    '',
  ];
  const text = lines.join('\n');
  console.log(`\n${text}`);
  mkdirSync(RESULTS, { recursive: true });
  appendFileSync(join(RESULTS, `${file}.md`), `${text}\n_${new Date().toISOString()}_\n\n`);
  return text;
}
