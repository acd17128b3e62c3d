// 1. Bundle size: min+gzip (React external) of a host entry using each of our components,
// against the same minimal usage of react-plaid-link and of Stripe's Connect embedded
// components, plus each package's whole public API. Entries live in fixtures/bundle/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchDir, packageDir } from '../lib/load.mjs';
import { notRun, reasonOf, row } from '../lib/rows.mjs';
import { ratio } from '../lib/stats.mjs';

const BENCH = '1. Bundle size';
const fixtures = path.join(benchDir, 'fixtures', 'bundle');

/** Runtime downloads on top of the bundle, for the notes. */
const RUNTIME = {
  plaid:
    'react-plaid-link injects https://cdn.plaid.com/link/v2/stable/link-initialize.js at run time, ' +
    'then opens Plaid Link in an iframe; neither is counted (no network here to measure them).',
  stripe:
    '@stripe/connect-js injects https://connect-js.stripe.com/v1.0/connect.js at run time, which ' +
    'renders each component in Stripe-hosted iframes; neither is counted (no network here).',
  dotskit:
    '@dotskit/react loads no script at run time; DotsFlow shows the Dots-hosted flow page in an ' +
    'iframe (the same kind of cost as the peers’ iframes, not counted).',
};

async function measure(entry, conditions = []) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(fixtures, entry)],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    conditions,
    external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
    outdir: path.join(fixtures, 'out'),
    loader: { '.css': 'css' },
    metafile: true,
  });
  const exports = Object.values(result.metafile.outputs).flatMap((o) => o.exports);
  let js = 0;
  let css = 0;
  for (const file of result.outputFiles) {
    const gz = gzipSync(file.contents, { level: 9 }).length;
    if (file.path.endsWith('.css')) css += gz;
    else js += gz;
  }
  return { js, css, total: js + css, exports };
}

/** Our entries resolve `dist/` like a user's bundler; before a build, `src/` instead. */
function dotskitConditions() {
  const dist = path.join(packageDir('@dotskit/react'), 'dist', 'index.js');
  return existsSync(dist)
    ? { conditions: [], from: 'dist' }
    : { conditions: ['@dotskit/source'], from: 'src (not built)' };
}

const COMPONENTS = ['DotsProvider', 'DotsFlow', 'PayoutLinkButton', 'PayoutStatus'];
const kb = (bytes) => Math.round(bytes / 10.24) / 100;

export async function run() {
  const rows = [];
  const peers = {};
  for (const [key, label, entry] of [
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
  ]) {
    try {
      peers[key] = (await measure(entry)).total;
      const note = key.startsWith('plaid') ? RUNTIME.plaid : RUNTIME.stripe;
      rows.push(
        row({
          benchmark: BENCH,
          subject: label,
          figure: kb(peers[key]),
          unit: 'KiB min+gz',
          note: key.endsWith('Min') ? note : undefined,
        }),
      );
    } catch (err) {
      rows.push(notRun(BENCH, label, reasonOf(err)));
    }
  }

  let cond;
  try {
    cond = dotskitConditions();
  } catch (err) {
    rows.push(notRun(BENCH, '@dotskit/react', reasonOf(err)));
    return rows;
  }
  const ours = [
    ['DotsProvider + DotsFlow', 'dotskit-flow.jsx'],
    ['DotsProvider + PayoutLinkButton', 'dotskit-payout-link.jsx'],
    ['DotsProvider + PayoutStatus', 'dotskit-payout-status.jsx'],
  ];
  for (const [label, entry] of ours) {
    const subject = `@dotskit/react: ${label}`;
    try {
      const size = (await measure(entry, cond.conditions)).total;
      rows.push(
        row({
          benchmark: BENCH,
          subject,
          figure: kb(size),
          unit: 'KiB min+gz',
          baseline: 'react-plaid-link minimal usage',
          baselineFigure: peers.plaidMin ? kb(peers.plaidMin) : null,
          ratio: ratio(size, peers.plaidMin ?? null),
          note: cond.from === 'dist' ? undefined : `built from ${cond.from}`,
        }),
      );
    } catch (err) {
      rows.push(notRun(BENCH, subject, reasonOf(err)));
    }
  }
  try {
    const m = await measure('dotskit-full.jsx', cond.conditions);
    const missing = COMPONENTS.filter((name) => !m.exports.includes(name));
    if (missing.length > 0)
      throw new Error(`@dotskit/react does not export ${missing.join(', ')} yet`);
    const css = cssSize();
    const full = m.total + css;
    const detail = `whole package (JS ${kb(m.total)} KiB${css ? ` + styles.css ${kb(css)} KiB` : ''})`;
    for (const [peerKey, peerLabel] of [
      ['plaidMin', 'react-plaid-link minimal usage'],
      ['plaidFull', 'react-plaid-link whole package'],
      ['stripeMin', 'Stripe Connect minimal usage'],
      ['stripeFull', 'Stripe Connect whole packages'],
    ]) {
      const base = peers[peerKey] ?? null;
      const r = ratio(full, base);
      rows.push(
        row({
          benchmark: BENCH,
          subject: `@dotskit/react ${detail}`,
          figure: kb(full),
          unit: 'KiB min+gz',
          baseline: peerLabel,
          baselineFigure: base === null ? null : kb(base),
          ratio: r,
          target: 'smaller than the peer (ratio < 1)',
          met: r === null ? null : r < 1,
          note: peerKey === 'plaidMin' ? RUNTIME.dotskit : undefined,
        }),
      );
    }
  } catch (err) {
    rows.push(notRun(BENCH, '@dotskit/react whole package', reasonOf(err)));
  }
  return rows;
}

/** gzip size of the stylesheet a host must import, when the package ships one. */
function cssSize() {
  const dir = packageDir('@dotskit/react');
  for (const file of ['dist/styles.css', 'src/styles.css']) {
    const p = path.join(dir, file);
    if (existsSync(p)) return gzipSync(readFileSync(p), { level: 9 }).length;
  }
  return 0;
}
