// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DotsStyleVariable } from './appearance';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

describe('default stylesheet', () => {
  it('uses only the dots- class prefix', () => {
    const classes = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\.([a-z][\w-]*)/g)].map(
      (m) => m[1],
    );
    expect(classes.length).toBeGreaterThan(10);
    expect(classes.filter((c) => !c!.startsWith('dots-'))).toEqual([]);
  });

  it('reads the appearance variables it maps', () => {
    const mapped: DotsStyleVariable[] = [
      'backgroundColor',
      'primaryTextColor',
      'secondaryTextColor',
      'primaryColor',
      'buttonBackgroundColor',
      'buttonTextColor',
      'buttonHoverBackgroundColor',
      'buttonHoverTextColor',
      'inputBorderColor',
      'borderRadius',
    ];
    for (const v of mapped) expect(css).toContain(`var(--dots-${v}`);
  });

  it('never fixes or clips the frame: its height is the page’s own (inline), and it scrolls', () => {
    const rules = [...css.matchAll(/([^{}]*dots-flow-frame[^{}]*)\{([^}]*)\}/g)];
    expect(rules.length).toBeGreaterThan(2);
    for (const [, , body] of rules) expect(body).not.toMatch(/overflow|(^|[\s;])height:/);
  });
});
