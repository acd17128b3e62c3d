import { type Compilable, CompiledQuery } from 'kysely';

/** A statement compiled once; each call fills in its values. */
export type PreparedStatement<N extends string> = (values: Record<N, unknown>) => CompiledQuery;

/**
 * A Kysely statement of one fixed shape, built and compiled on first use, then reused with
 * each call's values: Kysely builds and compiles every query anew (about a tenth of a
 * create's CPU in the broker benchmark), while the hot statements never change shape.
 * `build` gets one placeholder per name (typed `never`, so it fits any column); each
 * compiled parameter that is a placeholder takes the call's value of that name, any other
 * stays as compiled. Throws on first use if a name does not reach the parameters.
 */
export function prepared<N extends string>(
  names: readonly N[],
  build: (placeholders: Record<N, never>) => Compilable,
): PreparedStatement<N> {
  let compiled: { sql: string; slots: Array<{ name: N } | { value: unknown }> } | undefined;
  const compile = () => {
    const marks = new Map<string, N>(names.map((name) => [`\u0000dotskit:${name}\u0000`, name]));
    const placeholders = Object.fromEntries([...marks].map(([mark, name]) => [name, mark]));
    const query = build(placeholders as Record<N, never>).compile();
    const slots = query.parameters.map((p) => {
      const name = typeof p === 'string' ? marks.get(p) : undefined;
      return name === undefined ? { value: p } : { name };
    });
    for (const name of names) {
      if (!slots.some((slot) => 'name' in slot && slot.name === name))
        throw new Error(`[dotskit] prepared statement has no parameter "${name}"`);
    }
    return { sql: query.sql, slots };
  };
  return (values) => {
    compiled ??= compile();
    const parameters = compiled.slots.map((slot) =>
      'name' in slot ? values[slot.name] : slot.value,
    );
    return CompiledQuery.raw(compiled.sql, parameters);
  };
}
