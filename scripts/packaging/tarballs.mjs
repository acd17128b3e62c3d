// Packs the publishable workspace packages and checks what a host would receive: the
// manifest inside each tarball and its file list. publint and arethetypeswrong cover the
// `exports` map and the declarations (lint.mjs); these are the rules they do not know.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { ROOT, run } from './run.mjs';

/** Conditions that only make sense inside this workspace (see .pnpmfile.cjs). */
const WORKSPACE_CONDITIONS = ['@dotskit/source'];
/** Paths that must never ship: tests, stories, test helpers, sources. */
const NOT_SHIPPED = [/\.test\.[cm]?[jt]sx?$/, /\.stories\./, /test-support\//, /^src\//];
const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];

/**
 * The workspace packages that are published (not `"private"`), as `{ name, dir }`.
 * @returns {{ name: string, dir: string }[]}
 */
export function publishablePackages() {
  const packagesDir = path.join(ROOT, 'packages');
  return readdirSync(packagesDir)
    .map((d) => path.join(packagesDir, d))
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => ({
      dir,
      manifest: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ name: manifest.name, dir }));
}

/**
 * `pnpm pack`s each package into `outDir` (pnpm turns `workspace:^` into a range and runs
 * the beforePacking hook). Returns the tarballs with their manifest and file list.
 * @param {{ name: string, dir: string }[]} packages @param {string} outDir
 */
export function packAll(packages, outDir) {
  return packages.map(({ name, dir }) => {
    const { stdout } = run('pnpm', ['pack', '--json', '--pack-destination', outDir], { cwd: dir });
    const tarball = path.resolve(outDir, JSON.parse(stdout).filename);
    const manifest = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']).stdout);
    const files = run('tar', ['-tzf', tarball])
      .stdout.split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));
    const read = (file) => run('tar', ['-xzOf', tarball, `package/${file}`]).stdout;
    return { name, dir, tarball, manifest, files, read };
  });
}

/** Relative import specifiers of a built JS file (ESM `from`/`import()`, CJS `require()`). */
const RELATIVE_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])(\.\.?\/[^'"]+)\1/g;

/**
 * The shipped JS files that `entries` reach through relative imports (a package built one
 * file per module, see scripts/lib/per-module.mjs), entries included.
 * @param {Set<string>} entries @param {Set<string>} shipped @param {(file: string) => string} read
 */
function reachable(entries, shipped, read) {
  const seen = new Set();
  const queue = [...entries].filter((f) => /\.[cm]?js$/.test(f) && shipped.has(f));
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, , specifier] of read(file).matchAll(RELATIVE_IMPORT)) {
      const target = path.posix.join(path.posix.dirname(file), specifier);
      if (shipped.has(target)) queue.push(target);
    }
  }
  return seen;
}

/** Every string target in an `exports` value, with the condition keys on its path. */
function* exportTargets(value, conditions = []) {
  if (typeof value === 'string') yield { target: value, conditions };
  else if (Array.isArray(value)) for (const v of value) yield* exportTargets(v, conditions);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      yield* exportTargets(inner, key.startsWith('.') ? conditions : [...conditions, key]);
    }
  }
}

/**
 * The rules a tarball must meet beyond publint/attw. Returns the broken ones (empty: fine).
 * A JS file ships only as an entry or as a module an entry imports (`read(file)` gives a
 * shipped file's text; without it, only entries may ship).
 * @param {{ manifest: any, files: string[], read?: (file: string) => string }} packed
 */
export function manifestProblems({ manifest, files, read }) {
  const problems = [];
  const entries = new Set();
  for (const { target, conditions } of exportTargets(manifest.exports ?? {})) {
    const bad = conditions.filter((c) => WORKSPACE_CONDITIONS.includes(c));
    if (bad.length > 0) problems.push(`exports keeps the workspace-only condition ${bad[0]}`);
    entries.add(path.posix.normalize(target));
  }
  for (const field of ['main', 'module', 'types']) {
    if (manifest[field]) entries.add(path.posix.normalize(manifest[field]));
  }
  const bins =
    typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  for (const b of bins) entries.add(path.posix.normalize(b));

  const imported = read ? reachable(entries, new Set(files), read) : new Set();
  for (const file of files) {
    if (NOT_SHIPPED.some((re) => re.test(file))) problems.push(`ships ${file}`);
    if (/\.[cm]?js$/.test(file) && !entries.has(file) && !imported.has(file)) {
      problems.push(`ships ${file}, which no exports/main/bin entry names or imports`);
    }
  }
  if (!manifest.engines?.node) problems.push('has no engines.node');
  else if (!semver.validRange(manifest.engines.node)) problems.push('engines.node is no range');
  for (const field of DEPENDENCY_FIELDS) {
    for (const [dep, spec] of Object.entries(manifest[field] ?? {})) {
      if (!semver.validRange(spec) || /^(workspace|file|link):/.test(spec)) {
        problems.push(`${field}.${dep} is "${spec}", not a semver range`);
      } else if (semver.valid(spec)) {
        problems.push(`${field}.${dep} pins "${spec}": use a range (the lockfile pins)`);
      }
    }
  }
  return problems;
}

/** Finds `name`'s package.json as Node would from `fromDir` (walks up node_modules). */
function installedManifest(fromDir, name) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return JSON.parse(readFileSync(candidate, 'utf8'));
    if (path.dirname(dir) === dir) return null;
  }
}

/**
 * Checks that a package's `engines.node` lies within every installed dependency's
 * (a host's npm warns EBADENGINE otherwise). `installedDir` is the package's real
 * directory in a consumer's node_modules. Returns the broken ones.
 * @param {any} manifest @param {string} installedDir
 */
export function engineProblems(manifest, installedDir) {
  const ours = manifest.engines?.node;
  const problems = [];
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    const theirs = installedManifest(installedDir, dep);
    if (!theirs) problems.push(`dependency ${dep} is not installed next to it`);
    else if (theirs.engines?.node && !semver.subset(ours, theirs.engines.node)) {
      problems.push(
        `engines.node "${ours}" is wider than ${dep}@${theirs.version}'s "${theirs.engines.node}"`,
      );
    }
  }
  return problems;
}
