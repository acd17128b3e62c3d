// postMessage payloads thrown at a mounted <DotsFlow> by widget-messages.test.tsx.
import fc from 'fast-check';

/** Messages a flow page really sends (each would change state if it came from the frame). */
export const genuine = fc.oneof(
  fc
    .constantFrom('compliance', 'payout', 'manage-payouts')
    .map((step) => ({ step, status: 'completed' })),
  fc.integer({ min: 250, max: 3000 }).map((height) => ({ height })),
);

/** Strings of megabytes, huge arrays, objects thousands deep. */
export const oversized = fc.oneof(
  fc.integer({ min: 1, max: 4 }).map((mb) => 'x'.repeat(mb * 1024 * 1024)),
  fc
    .integer({ min: 1, max: 4 })
    .map((mb) => ({ step: 'c'.repeat(mb * 1024 * 1024), status: 'completed' })),
  fc
    .integer({ min: 1000, max: 20000 })
    .map((n) => ({ height: Array.from({ length: n }, (_, i) => i) })),
  fc.integer({ min: 1000, max: 10000 }).map((d) => {
    let v: unknown = { step: 'compliance', status: 'completed' };
    for (let i = 0; i < d; i++) v = { step: v };
    return v;
  }),
);

/** Malformed data: any value, near-misses of real messages, wrong types, prototype tricks. */
export const malformed = fc.oneof(
  fc.anything(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({
    step: fc.oneof(
      fc.string(),
      fc.constantFrom('Compliance', 'compliance ', 'pay out', '__proto__', 'constructor', ''),
    ),
    status: fc.oneof(fc.string(), fc.constantFrom('complete', 'COMPLETED', 'failed', 'completed ')),
  }),
  fc.record({
    step: fc.constantFrom('compliance', 'payout'),
    status: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.object()),
  }),
  fc.record({
    step: fc.oneof(fc.integer(), fc.boolean(), fc.object(), fc.array(fc.string())),
    status: fc.constant('completed'),
  }),
  fc.record({
    height: fc.oneof(
      fc.constantFrom(0, -1, -Infinity, Number.NaN, '500', null),
      fc.string(),
      fc.object(),
    ),
  }),
  fc.constantFrom(
    JSON.parse('{"__proto__":{"step":"compliance","status":"completed"}}'),
    JSON.parse('{"constructor":{"prototype":{"height":900}}}'),
    Object.create({ step: 'compliance', status: 'completed' }),
    Object.create({ height: 900 }),
    { toString: () => 'compliance' },
  ),
);

/** Origins other than the flow's, look-alikes of it included. */
export const foreignOrigin = fc.oneof(
  fc.webUrl().map((u) => new URL(u).origin),
  fc.constantFrom(
    'null',
    '',
    // Look-alikes of the fake broker's flow origin (https://my-sandbox.dots.dev).
    'https://my-sandbox.dots.dev.evil.example',
    'http://my-sandbox.dots.dev',
    'https://my-sandbox.dots.dev:444',
    'https://MY-SANDBOX.dots.dev.',
    'https://xn--my-sndbox-jua.dots.dev',
  ),
);
