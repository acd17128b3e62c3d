// Renders the rows as a markdown table (results.md) and JSON (results.json).
import os from 'node:os';
import { loadedFrom } from './load.mjs';

function cell(value) {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  return String(value).replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function metCell(met) {
  if (met === true) return 'met';
  if (met === false) return '**missed**';
  return '–';
}

/** Machine and run facts printed above the table, so figures can be compared fairly. */
export function environment(mode) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    mode,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    packages: Object.fromEntries(
      ['@dotskit/api', '@dotskit/sandbox', '@dotskit/broker', '@dotskit/react'].map((name) => [
        name,
        loadedFrom(name),
      ]),
    ),
  };
}

/** The markdown document: environment, one table of all rows, then the notes. */
export function toMarkdown(env, rows, durationS) {
  const load = (l) => l.map((x) => x.toFixed(2)).join(' / ');
  const lines = [
    '# dotskit benchmarks',
    '',
    `Run ${env.date} · mode **${env.mode}** · ${durationS.toFixed(0)} s · Node ${env.node} · ` +
      `${env.cpu} · ${env.memoryGiB} GiB · ${env.platform}`,
    '',
    `Load average (1/5/15 min) at start ${load(env.loadAverageAtStart)}, at end ` +
      `${load(env.loadAverageAtEnd ?? [])}: anything else running on the machine skews the ` +
      'figures; compare ratios from one run, not figures across runs.',
    '',
    `Packages measured from: ${Object.entries(env.packages)
      .map(([name, from]) => `${name} ${from === 'dist' ? 'dist' : `**${from}**`}`)
      .join(', ')}.`,
    '',
    'Ratios are figure ÷ baseline figure. Targets come from issues 7, 8, 18 and 19; "missed" is reported as ' +
      'measured, never tuned away.',
    '',
    '| # | Benchmark | Subject | Figure | Unit | Baseline | Baseline figure | Ratio | Target | Met |',
    '|---|---|---|---:|---|---|---:|---:|---|---|',
  ];
  const notes = [];
  rows.forEach((r, i) => {
    let figure = cell(r.figure);
    if (r.figure === null) {
      figure = cell(r.note ?? 'not run');
    } else if (r.note) {
      notes.push(`${i + 1}. ${r.note}`);
      figure = `${figure} [${i + 1}]`;
    }
    lines.push(
      `| ${i + 1} | ${cell(r.benchmark)} | ${cell(r.subject)} | ${figure} | ${cell(r.unit)} | ` +
        `${cell(r.baseline)} | ${cell(r.baselineFigure)} | ${cell(r.ratio)} | ${cell(r.target)} | ${metCell(r.met)} |`,
    );
  });
  if (notes.length > 0) lines.push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
