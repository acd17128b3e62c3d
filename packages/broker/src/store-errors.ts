/** Node socket errors that mean the database could not be reached. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);
/** SQLSTATEs of a server going away or not accepting work yet (PostgreSQL class 08, 57P0x, 53300). */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-4]|53300)$/;
/** What `pg` (and its pool) throw when a connection ends or cannot be had in time. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Connection ended unexpectedly/i;
/** SQLite: another connection held the lock for longer than `busy_timeout`. */
const SQLITE_BUSY = /^SQLITE_(BUSY|LOCKED)/;

/**
 * True when `err` says the store cannot be reached right now (PostgreSQL restarting or
 * unreachable, a SQLite lock held too long), as opposed to a bug: such a request is
 * answered 503 with Retry-After, not 500. Follows `cause` chains.
 */
export function isStoreUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code) || SQLITE_BUSY.test(code))
        return true;
    }
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
