import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createBroker } from './create-broker';
import { createMemoryStore } from './store/memory-store';
import { isStoreUnavailable } from './store-errors';
import { captureLogger, JWT_SECRET, token } from './test-support/helpers';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isStoreUnavailable', () => {
  it('recognises a database that is down, restarting or locked', () => {
    expect(isStoreUnavailable(withCode('ECONNREFUSED'))).toBe(true);
    expect(
      isStoreUnavailable(withCode('57P01', 'terminating connection due to administrator command')),
    ).toBe(true);
    expect(isStoreUnavailable(withCode('57P03', 'the database system is starting up'))).toBe(true);
    expect(isStoreUnavailable(withCode('08006'))).toBe(true);
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStoreUnavailable(withCode('SQLITE_BUSY', 'database is locked'))).toBe(true);
    expect(isStoreUnavailable(new Error('wrapped', { cause: withCode('ECONNRESET') }))).toBe(true);
  });

  it('leaves bugs and constraint errors alone', () => {
    expect(isStoreUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isStoreUnavailable(withCode('23505', 'duplicate key value'))).toBe(false);
    expect(isStoreUnavailable(withCode('42P01', 'relation does not exist'))).toBe(false);
    expect(isStoreUnavailable(withCode('SQLITE_CONSTRAINT'))).toBe(false);
    expect(isStoreUnavailable(undefined)).toBe(false);
  });
});

describe('a request while the store is unreachable', () => {
  it('answers 503 store_unavailable with Retry-After, not 500', async () => {
    const store = createMemoryStore();
    const broker = createBroker({
      dots: {
        clientId: 'client',
        apiKey: 'key_never_used_upstream',
        environment: { baseUrl: 'http://127.0.0.1:9/api' },
      },
      auth: { jwtSecret: JWT_SECRET },
      store,
      logger: captureLogger(),
    });
    await broker.ready();
    store.getOwner = async () => {
      throw withCode('57P01', 'terminating connection due to administrator command');
    };
    const app = express().use(broker);
    const res = await request(app)
      .get('/flows/f_1')
      .set('authorization', `Bearer ${await token('alice')}`);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toEqual({
      error: {
        code: 'store_unavailable',
        message: 'The broker cannot reach its store right now; retry shortly.',
      },
    });
    // The host's server code gets the same typed error from the server-side API.
    await expect(broker.flows.retrieve({ sub: 'alice', scopes: [] }, 'f_1')).rejects.toMatchObject({
      name: 'BrokerError',
      code: 'store_unavailable',
      status: 503,
    });
    await broker.close();
  });
});
