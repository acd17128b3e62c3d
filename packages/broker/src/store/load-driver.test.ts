import { describe, expect, it } from 'vitest';
import { loadDriver } from './load-driver';

describe('loadDriver', () => {
  it('loads an installed driver', async () => {
    const pg = await loadDriver<{ default: { Pool: unknown } }>('pg', 'the PostgreSQL store');
    expect(typeof pg.default.Pool).toBe('function');
  });

  it('names the package to install when the driver is missing', async () => {
    await expect(
      loadDriver('dotskit-no-such-driver' as 'pg', 'the PostgreSQL store'),
    ).rejects.toThrow(
      'the PostgreSQL store needs the "dotskit-no-such-driver" package: install it next to @dotskit/broker (npm install dotskit-no-such-driver).',
    );
  });
});
