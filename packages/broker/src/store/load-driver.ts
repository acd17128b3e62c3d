/**
 * Loads an optional database driver (a peer dependency installed only by hosts that use
 * its store), or throws an error naming the package to install.
 */
export async function loadDriver<T>(name: 'better-sqlite3' | 'pg', forWhat: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch (error) {
    const missing =
      (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' ||
      (error as { code?: string }).code === 'MODULE_NOT_FOUND';
    if (!missing) throw error;
    throw new Error(
      `[dotskit] ${forWhat} needs the "${name}" package: install it next to @dotskit/broker (npm install ${name}).`,
      { cause: error },
    );
  }
}
