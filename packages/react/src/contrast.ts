import type { DotsAppearance, DotsStyleVariable } from './appearance';

const rgb = (c: string): number[] | null => {
  let m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(c.trim());
  if (m) {
    const h = m[1]!.length === 3 ? [...m[1]!].map((x) => x + x).join('') : m[1]!;
    return [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
  }
  m = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(c.trim());
  return m ? [m[1], m[2], m[3]].map(Number) : null;
};

const luminance = ([r, g, b]: number[]) =>
  [r!, g!, b!]
    .map((v) => v / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);

/** WCAG contrast ratio of two CSS colours (hex or rgb()); `null` when either is unparsable. */
export function contrastRatio(a: string, b: string): number | null {
  const x = rgb(a);
  const y = rgb(b);
  if (!x || !y) return null;
  const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (hi! + 0.05) / (lo! + 0.05);
}

const PAIRS: [DotsStyleVariable, DotsStyleVariable][] = [
  ['primaryTextColor', 'backgroundColor'],
  ['secondaryTextColor', 'backgroundColor'],
  ['buttonTextColor', 'buttonBackgroundColor'],
  ['buttonHoverTextColor', 'buttonHoverBackgroundColor'],
];

/** Pairs of `appearance` colours below WCAG AA (4.5:1), as human-readable warnings. */
export function contrastWarnings(a?: DotsAppearance): string[] {
  const v = a?.variables ?? {};
  const out: string[] = [];
  for (const [fg, bg] of PAIRS) {
    const r = v[fg] && v[bg] ? contrastRatio(v[fg], v[bg]) : null;
    if (r !== null && r < 4.5)
      out.push(
        `[dotskit] appearance: ${fg} on ${bg} has contrast ${r.toFixed(2)}:1, below WCAG AA 4.5:1.`,
      );
  }
  return out;
}
