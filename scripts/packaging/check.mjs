#!/usr/bin/env node
// `pnpm test:packaging`: what a host installs, checked the way a host meets it.
//   1. packs every publishable package (packages must be built: `pnpm build`);
//   2. per tarball: the manifest rules (tarballs.mjs), publint, arethetypeswrong;
//   3. a NodeNext consumer installs the tarballs and typechecks every public export;
//   4. each example app (examples.mjs) installs the tarballs, typechecks, builds and passes
//      its browser smoke test.
// Usage: node scripts/packaging/check.mjs [--skip-examples] [--keep]  (--keep: leave temp dirs)
import { rmSync } from 'node:fs';
import path from 'node:path';
import { checkConsumer } from './consumer.mjs';
import { checkExamples } from './examples.mjs';
import { tempDir } from './install.mjs';
import { runAttw, runPublint } from './lint.mjs';
import { timed } from './run.mjs';
import { manifestProblems, packAll, publishablePackages } from './tarballs.mjs';

const args = new Set(process.argv.slice(2));
const started = performance.now();
const work = tempDir('dotskit-packaging-');
const failures = [];
const fail = (where, problems) => {
  for (const p of problems) failures.push(`${where}: ${p}`);
};

try {
  console.log('packaging check');
  const packed = await timed('pack', () =>
    packAll(publishablePackages(), path.join(work, 'tarballs')),
  );
  await timed('manifest rules, publint, arethetypeswrong', async () => {
    const reports = await Promise.all(
      packed.map(async (p) => ({
        p,
        publint: await runPublint(p.tarball),
        attw: await runAttw(p.tarball),
        rules: manifestProblems(p),
      })),
    );
    for (const { p, publint, attw, rules } of reports) {
      const ok = publint.problems.length + attw.problems.length + rules.length === 0;
      console.log(`    ${ok ? '✓' : '✗'} ${p.name} (${p.files.length} files)`);
      const publintLine =
        publint.problems.length === 0 ? 'no errors or warnings' : publint.problems.join('; ');
      console.log(`      publint: ${publintLine}`);
      for (const s of publint.suggestions) console.log(`      publint ${s}`);
      console.log(
        `      attw: ${attw.problems.length === 0 ? 'no problems' : attw.problems.join('; ')}`,
      );
      for (const r of attw.resolutions) console.log(`        ${r}`);
      for (const r of rules) console.log(`      rule: ${r}`);
      fail(`${p.name} publint`, publint.problems);
      fail(`${p.name} attw`, attw.problems);
      fail(p.name, rules);
    }
  });
  await timed('NodeNext consumer (install tarballs, tsc)', async () => {
    const { problems, results } = await checkConsumer(path.join(work, 'consumer'), packed);
    for (const r of results) {
      console.log(
        `    ${r.status === 0 ? '✓' : '✗'} tsc ${r.name}.mts + ${r.name}.cts: ${r.exportsChecked} exports`,
      );
    }
    fail('consumer', problems);
  });
  if (!args.has('--skip-examples')) {
    await checkExamples(path.join(work, 'examples'), packed, fail);
  }
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
} finally {
  if (!args.has('--keep')) rmSync(work, { recursive: true, force: true });
  else console.log(`  kept ${work}`);
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(`\npackaging check failed (${seconds} s):\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`packaging check passed (${seconds} s)`);
