import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createBroker } from '../create-broker';
import { type BrokerHandlerOptions, createBrokerHandler } from '../fetch';
import { bearer, captureLogger, JWT_SECRET, UNREACHED_DOTS } from '../test-support/helpers';
import type { BrokerOptions } from '../types';
import { sizeInBytes } from './fetch/body';

// Options both adapters take (no Express `authorize`).
const base: BrokerOptions & BrokerHandlerOptions = {
  dots: UNREACHED_DOTS,
  auth: { jwtSecret: JWT_SECRET },
  databaseUrl: 'memory:',
  logger: captureLogger('fatal'),
};

// Sizes that are no size: `bytes` reads '32 kilobytes' as 32 bytes, the Fetch adapter read
// 'garbage' as 0 (every body a 413) while body-parser threw its own bare TypeError.
const unusable = ['32 kilobytes', 'garbage', '', '0kb', -1, 0, 1.5, Number.POSITIVE_INFINITY];

describe('body size options', () => {
  it('reads the sizes body-parser reads, as whole bytes', () => {
    expect(sizeInBytes('32kb', 'bodyLimit')).toBe(32 * 1024);
    expect(sizeInBytes('1MB', 'bodyLimit')).toBe(1024 * 1024);
    expect(sizeInBytes(100, 'bodyLimit')).toBe(100);
  });

  it.each(unusable)('refuses %j at creation, in both adapters, naming the option', (bad) => {
    for (const option of ['bodyLimit', 'webhookBodyLimit'] as const) {
      const options = { ...base, [option]: bad } as typeof base;
      const message = new RegExp(`^\\[dotskit\\] \`${option}\` must be a positive byte count`);
      expect(() => createBroker(options)).toThrow(message);
      expect(() => createBrokerHandler(options)).toThrow(message);
      expect(() => createBroker(options)).toThrow(TypeError);
    }
  });

  it('holds a body to the limit it was given (413 past it)', async () => {
    const broker = createBroker({ ...base, bodyLimit: '1kb' });
    const res = await request(express().use(broker))
      .post('/flows')
      .set('authorization', await bearer('limit-user'))
      .send({ steps: ['compliance'], metadata: { pad: 'x'.repeat(2048) } });
    await broker.close();
    expect(res.status).toBe(413);
  });
});
