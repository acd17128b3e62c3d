import type { CompiledQuery } from 'kysely';

/**
 * A store operation of several statements, written once for both SQL dialects: a generator
 * that yields each compiled statement and is given back its rows. PostgreSQL awaits each
 * statement (`runProgram`); SQLite runs the whole program synchronously inside group commit
 * (`runProgramSync`), so that its statements share one transaction with no other
 * statement between them.
 */
export type SqlProgram<T> = Generator<CompiledQuery, T, unknown[]>;

/** Runs `program`, each statement through `exec`, awaited in order. */
export async function runProgram<T>(
  program: SqlProgram<T>,
  exec: (query: CompiledQuery) => Promise<unknown[]>,
): Promise<T> {
  let step = program.next();
  while (!step.done) step = program.next(await exec(step.value));
  return step.value;
}

/** Runs `program` synchronously, each statement through `exec` (a synchronous driver). */
export function runProgramSync<T>(
  program: SqlProgram<T>,
  exec: (query: CompiledQuery) => unknown[],
): T {
  let step = program.next();
  while (!step.done) step = program.next(exec(step.value));
  return step.value;
}
