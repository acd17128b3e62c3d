/**
 * Builds a function that replaces every occurrence of the given secrets in a string
 * with `[redacted]`. Empty secrets are ignored.
 */
export function createRedactor(secrets: string[]): (text: string) => string {
  const needles = secrets.filter((s) => s.length > 0);
  return (text) => {
    let out = text;
    for (const needle of needles) out = out.split(needle).join('[redacted]');
    return out;
  };
}

/** Applies `redact` to every string inside a JSON-like value (returns a copy). */
export function redactDeep(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redact(k)] = redactDeep(v, redact);
    return out;
  }
  return value;
}
