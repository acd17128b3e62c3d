// pnpm hooks for this workspace. Only packing is customised; installs are untouched.
//
// The `@dotskit/source` export condition points at `src/`, which is how the workspace's
// own tools (tsc `customConditions`, vitest, Storybook, esbuild in tests) read a sibling
// package's source without building it. `src/` is not in a tarball, so `pnpm pack` and
// `pnpm publish` drop the condition from every `exports` entry: the published manifest
// names only files the tarball has. (pnpm records this file's checksum in pnpm-lock.yaml:
// after editing it, run `pnpm install` so that `--frozen-lockfile` installs accept it.)

const WORKSPACE_ONLY_CONDITION = '@dotskit/source';

/** Returns a copy of an `exports` value without the workspace-only condition, at any depth. */
function withoutSourceCondition(value) {
  if (Array.isArray(value)) return value.map(withoutSourceCondition);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key !== WORKSPACE_ONLY_CONDITION) out[key] = withoutSourceCondition(inner);
  }
  return out;
}

module.exports = {
  hooks: {
    beforePacking(pkg) {
      if (pkg.exports !== undefined) pkg.exports = withoutSourceCondition(pkg.exports);
      return pkg;
    },
  },
};
