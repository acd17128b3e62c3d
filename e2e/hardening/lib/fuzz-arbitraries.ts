import fc from 'fast-check';

/** Keys that pollute prototypes when code assigns them blindly. */
export const hostileKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
);
/** `POST /flows` body fields. */
export const flowFields = fc.constantFrom(
  'steps',
  'metadata',
  'idempotency_key',
  'user_id',
  'require_auth',
  'hide_go_to_dashboard_on_complete',
);
/** `POST /payout-links` body fields. */
export const linkFields = fc.constantFrom(
  'amount',
  'memo',
  'payee',
  'delivery',
  'metadata',
  'tax_exempt',
  'additional_steps',
  'idempotency_key',
  'user_id',
  'funding_source',
);
/** Unicode, binary, empty, huge and meaningful-looking strings. */
export const weirdString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\uFEFF',
    '😀'.repeat(50),
    'a'.repeat(300),
    'compliance',
    'payout',
    '../../etc',
    '%00',
  ),
);
/** A value of any JSON-ish type, extreme numbers included. */
export const anyValue = fc.oneof(
  { maxDepth: 3 },
  fc.jsonValue({ maxDepth: 3 }),
  weirdString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e308, -0, 2 ** 53, -(2 ** 53), 0.1, 100, -100),
);
/** Objects built from the endpoint's own field names, hostile keys and random keys, with values of any type. */
export const bodyArb = (fields: fc.Arbitrary<string>) =>
  fc.dictionary(fc.oneof(fields, hostileKey, fc.string({ maxLength: 12 })), anyValue, {
    maxKeys: 6,
  });

/** JSON text with `__proto__`/`constructor` as own keys (JSON.stringify cannot write them). */
export const pollutingText = fc
  .tuple(
    fc.constantFrom('__proto__', 'constructor', 'prototype'),
    fc.jsonValue({ maxDepth: 2 }),
    fc.boolean(),
  )
  .map(([k, v, nested]) =>
    nested
      ? `{"steps":["compliance"],"metadata":{"${k}":{"polluted":${JSON.stringify(v)}}}}`
      : `{"${k}":{"polluted":${JSON.stringify(v)}},"amount":100,"steps":["compliance"]}`,
  );
