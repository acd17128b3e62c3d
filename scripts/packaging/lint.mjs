// publint and arethetypeswrong on one packed tarball, offline. Any publint message of
// level warning or error, and any attw problem under any resolution mode, is a failure.
import { readFileSync } from 'node:fs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { bin, runAsync } from './run.mjs';

/**
 * publint on the tarball's own files. Returns `{ problems, suggestions }` (formatted).
 * @param {string} tarball
 */
export async function runPublint(tarball) {
  const data = readFileSync(tarball);
  const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: buffer }, level: 'suggestion' });
  const format = (m) => `${m.type}: ${formatMessage(m, pkg, { color: false })}`;
  return {
    problems: messages.filter((m) => m.type !== 'suggestion').map(format),
    suggestions: messages.filter((m) => m.type === 'suggestion').map(format),
  };
}

/**
 * arethetypeswrong (strict profile: node10, node16 CJS, node16 ESM, bundler) on the
 * tarball, without asking the registry for @types packages. Returns the problems and, per
 * entry point, the declaration file each mode resolves to.
 * @param {string} tarball
 */
export async function runAttw(tarball) {
  const { stdout } = await runAsync(
    bin('attw'),
    [tarball, '--format', 'json', '--no-definitely-typed'],
    {
      allowFailure: true,
    },
  );
  const { analysis } = JSON.parse(stdout);
  if (!analysis?.entrypoints) throw new Error(`attw found nothing to analyse in ${tarball}`);
  const problems = (analysis.problems ?? []).map(
    (p) =>
      `${p.kind}${p.entrypoint ? ` at "${p.entrypoint}"` : ''}${p.resolutionKind ? ` (${p.resolutionKind})` : ''}`,
  );
  const resolutions = Object.entries(analysis.entrypoints).map(([subpath, entry]) => {
    const modes = Object.entries(entry.resolutions).map(([mode, r]) => {
      const file = r.resolution?.fileName?.replace(/^\/node_modules\/[^/]+\/[^/]+\//, '');
      return `${mode}→${file ?? 'unresolved'}`;
    });
    return `${subpath}: ${modes.join(' ')}`;
  });
  return { problems, resolutions };
}
