// 1. Bundle size: min+gzip (React external) of a host entry using each of our components,
// against the same minimal usage of react-plaid-link and of Stripe's Connect embedded
// components, plus each package's whole public API, and the scripts each loads at run time
// from third-party origins. Entries live in fixtures/bundle/. Every figure comes from
// @dotskit/react's own scripts/size.mjs (bundleSize, measure): the built package through its
// `exports` map from a consumer's node_modules, minified, NODE_ENV=production, gzip -9, so
// the budget rows here are the bytes `pnpm --filter @dotskit/react size` prints.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDir, packageDir } from '../lib/load.mjs';
import { notRun, reasonOf, row } from '../lib/rows.mjs';
import { ratio } from '../lib/stats.mjs';

const BENCH = '1. Bundle size';
const fixtures = path.join(benchDir, 'fixtures', 'bundle');

/** @dotskit/react's size module: one way of measuring for the package and the benchmark. */
const sizeModule = () =>
  import(pathToFileURL(path.join(packageDir('@dotskit/react'), 'scripts', 'size.mjs')).href);

/** One fixture entry, bundled from `resolveDir` (a consumer location). */
async function measure(entry, resolveDir = fixtures) {
  const { bundleSize } = await sizeModule();
  const r = await bundleSize(readFileSync(path.join(fixtures, entry), 'utf8'), resolveDir);
  return { ...r, total: r.gzip + r.css };
}

/** What an entry's bundle loads at run time from third-party origins (from its code). */
async function runtimeRow(label, text, ours) {
  const { runtimeScripts } = await sizeModule();
  const { urls, injectsScript } = runtimeScripts(text);
  const none = urls.length === 0 && !injectsScript;
  return row({
    benchmark: BENCH,
    subject: `${label}: scripts loaded at run time from third-party origins`,
    figure: new Set(urls.map((u) => new URL(u).origin)).size,
    unit: 'origins',
    target: ours ? 'none' : null,
    met: ours ? none : null,
    note: none
      ? 'none: the bundle has no script URL and creates no <script> element (DotsFlow frames ' +
        'the Dots-hosted flow page, as the peers frame theirs)'
      : `script URLs in the bundle's code: ${urls.join(', ')}` +
        `${injectsScript ? '; it creates a <script> element to load one at run time' : ''}` +
        ' (then the vendor renders in its own iframes); not counted in the size (no network here)',
  });
}

const kb = (bytes) => Math.round(bytes / 10.24) / 100;

const PEERS = [
  [
    'plaidMin',
    'react-plaid-link 5.0.0, minimal usage (usePlaidLink + button)',
    'plaid-minimal.jsx',
  ],
  ['plaidFull', 'react-plaid-link 5.0.0, whole package', 'plaid-full.jsx'],
  [
    'stripeMin',
    '@stripe/react-connect-js 3.4.4 + connect-js 3.4.6, minimal usage (onboarding + payouts)',
    'stripe-minimal.jsx',
  ],
  ['stripeFull', '@stripe/react-connect-js + connect-js, whole packages', 'stripe-full.jsx'],
];
const USAGES = [
  ['DotsProvider + DotsFlow', 'dotskit-flow.jsx'],
  ['DotsProvider + PayoutLinkButton', 'dotskit-payout-link.jsx'],
  ['DotsProvider + PayoutStatus', 'dotskit-payout-status.jsx'],
];

export async function run({ log = () => {} } = {}) {
  const rows = [];
  const peers = {};
  for (const [key, label, entry] of PEERS) {
    try {
      const m = await measure(entry);
      peers[key] = m.total;
      rows.push(row({ benchmark: BENCH, subject: label, figure: kb(m.total), unit: 'KiB min+gz' }));
      if (key.endsWith('Min')) rows.push(await runtimeRow(label, m.text, false));
    } catch (err) {
      rows.push(notRun(BENCH, label, reasonOf(err)));
    }
  }
  try {
    const size = await sizeModule();
    const budget = await size.measure();
    for (const e of budget.entries) {
      log(`@dotskit/react ${e.name}: ${e.gzip} B min+gz (budget ${e.budget} B)`);
    }
    rows.push(...(await usageRows(size, peers)));
    rows.push(...budgetRows(budget));
    rows.push(...wholeRows(budget, peers));
  } catch (err) {
    rows.push(notRun(BENCH, '@dotskit/react', reasonOf(err)));
  }
  return rows;
}

/** Each of our components in a host entry, against react-plaid-link's minimal usage. */
async function usageRows(size, peers) {
  return size.withConsumer(async (dir) => {
    const rows = [];
    for (const [label, entry] of USAGES) {
      const subject = `@dotskit/react: ${label}`;
      try {
        const m = await measure(entry, dir);
        rows.push(
          row({
            benchmark: BENCH,
            subject,
            figure: kb(m.total),
            unit: 'KiB min+gz',
            baseline: 'react-plaid-link minimal usage',
            baselineFigure: peers.plaidMin ? kb(peers.plaidMin) : null,
            ratio: ratio(m.total, peers.plaidMin ?? null),
          }),
        );
        if (entry === 'dotskit-flow.jsx') rows.push(await runtimeRow(subject, m.text, true));
      } catch (err) {
        rows.push(notRun(BENCH, subject, reasonOf(err)));
      }
    }
    return rows;
  });
}

/** The package's own budgets (scripts/size.mjs), in bytes as that script prints them. */
function budgetRows(budget) {
  return budget.entries.map((e) =>
    row({
      benchmark: BENCH,
      subject: `@dotskit/react budget entry: ${e.name} (JS)`,
      figure: e.gzip,
      unit: 'B min+gz',
      target: `≤ ${e.budget} B`,
      met: !e.over,
      note: `${e.min} B minified; the same figure as \`pnpm --filter @dotskit/react size\``,
    }),
  );
}

/** The whole package (JS + styles.css) against each peer. */
function wholeRows(budget, peers) {
  const whole = budget.entries.find((e) => e.name === 'whole package');
  if (!whole) throw new Error('scripts/size.mjs has no whole-package entry');
  const full = whole.gzip + budget.css;
  const detail = `whole package (JS ${kb(whole.gzip)} KiB + styles.css ${kb(budget.css)} KiB)`;
  return [
    ['plaidMin', 'react-plaid-link minimal usage'],
    ['plaidFull', 'react-plaid-link whole package'],
    ['stripeMin', 'Stripe Connect minimal usage'],
    ['stripeFull', 'Stripe Connect whole packages'],
  ].map(([peerKey, peerLabel]) => {
    const base = peers[peerKey] ?? null;
    const r = ratio(full, base);
    return row({
      benchmark: BENCH,
      subject: `@dotskit/react ${detail}`,
      figure: kb(full),
      unit: 'KiB min+gz',
      baseline: peerLabel,
      baselineFigure: base === null ? null : kb(base),
      ratio: r,
      target: 'smaller than the peer (ratio < 1)',
      met: r === null ? null : r < 1,
    });
  });
}
