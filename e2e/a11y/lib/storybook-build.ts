import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is `e2e/a11y/lib/storybook-build.ts`). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/**
 * A static Storybook build to audit. With `A11Y_STORYBOOK_DIR` set (e.g. `storybook-static`
 * after `pnpm build-storybook`), that build is used as is; otherwise Storybook is built
 * from the current sources into a temporary directory (~13 s), so the audit never reads a
 * stale build and never writes where others build. `remove()` deletes a temporary build
 * (and leaves a given one alone).
 */
export async function storybookBuild(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const given = process.env.A11Y_STORYBOOK_DIR;
  if (given) {
    const dir = resolve(REPO_ROOT, given);
    if (!existsSync(join(dir, 'index.json')))
      throw new Error(`A11Y_STORYBOOK_DIR=${given}: no index.json there; run pnpm build-storybook`);
    return { dir, remove: async () => {} };
  }
  const out = await mkdtemp(join(tmpdir(), 'a11y-storybook-'));
  const bin = join(REPO_ROOT, 'node_modules/.bin/storybook');
  const log: string[] = [];
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(bin, ['build', '-o', out, '--quiet'], {
      cwd: REPO_ROOT,
      env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d: Buffer) => log.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => log.push(d.toString()));
    child.on('error', fail);
    child.on('exit', done);
  });
  const remove = () => rm(out, { recursive: true, force: true });
  if (code !== 0) {
    await remove();
    throw new Error(`storybook build failed (${code}):\n${log.join('').slice(-4000)}`);
  }
  return { dir: out, remove };
}

/** One story of the build's `index.json`. */
export interface StoryEntry {
  id: string;
  title: string;
  name: string;
  tags: string[];
}

/** Every entry of type `story` in the build's `index.json` (docs pages are left out). */
export async function readStories(dir: string): Promise<StoryEntry[]> {
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
    entries: Record<string, StoryEntry & { type: string }>;
  };
  return Object.values(index.entries)
    .filter((e) => e.type === 'story')
    .map(({ id, title, name, tags }) => ({ id, title, name, tags: tags ?? [] }));
}
