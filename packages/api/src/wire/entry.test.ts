import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const sources = readdirSync(__dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('@dotskit/api/wire', () => {
  it('imports nothing outside its own folder (no zod, no Node built-ins)', () => {
    expect(sources.length).toBeGreaterThan(4);
    for (const file of sources) {
      const text = readFileSync(join(__dirname, file), 'utf8');
      for (const [, from] of text.matchAll(/from '([^']+)'/g))
        expect(from, `${file} imports ${from}`).toMatch(/^\.\/[a-z-]+$/);
    }
  });
});
