import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from './index';
import * as wire from './wire/index';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('public surface', () => {
  it('runtime exports follow the naming rules', () => {
    for (const name of Object.keys(api)) {
      const ok =
        /^[a-z][A-Za-z0-9]*Schema$/.test(name) || // zod schemas
        /^Dots[A-Za-z]*Error$/.test(name) || // error classes
        /^[A-Z][A-Z0-9_]+$/.test(name) || // constants
        /^(create|resolve|is|flow|dotsError|dotsEnvironment|dotskit|page|parse|format|broker|insecure)[A-Za-z]*$/.test(
          name,
        ); // functions
      expect(ok, name).toBe(true);
    }
  });

  it('re-exports every runtime export of @dotskit/api/wire', () => {
    expect(Object.keys(wire).length).toBeGreaterThan(15);
    for (const [name, value] of Object.entries(wire)) expect(api, name).toHaveProperty(name, value);
  });

  it('exports the names other packages code against', () => {
    for (const name of [
      'createDotsClient',
      'flowStepName',
      'isFlowComplete',
      'DOTS_ENVIRONMENTS',
      'pageSchema',
      'listParamsSchema',
      'webhookEventSchema',
      'dotsErrorBodySchema',
      'DotsError',
    ]) {
      expect(api, name).toHaveProperty(name);
    }
  });

  it('no source file imports a Node built-in (must run on edge runtimes)', () => {
    const files = sourceFiles(__dirname);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(
        /from ['"]node:|require\(|from ['"](fs|path|http|https|util|crypto|buffer)['"]/,
      );
    }
  });
});
