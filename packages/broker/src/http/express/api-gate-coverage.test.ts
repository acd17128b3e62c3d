import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  JWT_SECRET,
  type RunningBroker,
  startBroker,
  UNREACHED_DOTS,
} from '../../test-support/helpers';
import { apiRoutes } from '../route-table';

// Every browser-facing route, as the table declares it (ids filled), plus the event stream:
// a route added to the table without its path in the broker's gated paths fails here.
const routes = [
  ...apiRoutes.map((r) => ({ method: r.method, path: r.path.replace(':id', 'res_1') })),
  { method: 'GET', path: '/events' },
];

let b: RunningBroker;
beforeAll(async () => {
  b = await startBroker({
    dots: UNREACHED_DOTS,
    auth: { jwtSecret: JWT_SECRET },
    databaseUrl: 'memory:',
    allowedOrigins: ['https://shop.example'],
    rateLimit: { perIp: 1_000, perPrincipal: 2, windowMs: 60_000 },
  });
});
afterAll(() => b.close());

const call = (method: string, path: string, headers: Record<string, string> = {}) =>
  fetch(`${b.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'POST' ? { body: '{"not":"valid"}' } : {}),
    signal: AbortSignal.timeout(5_000),
  });

describe('every API route passes the whole gate (context, CORS, per-IP limit, auth, per-user limit)', () => {
  it.each(routes)('$method $path', async ({ method, path }) => {
    const anonymous = await call(method, path);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-request-id')).toMatch(/\S/);
    expect(anonymous.headers.get('ratelimit-policy')).toBe('1000;w=60');

    // CORS: an allowed origin is named back; a foreign one is not (and may not write).
    const allowed = await call(method, path, { origin: 'https://shop.example' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const foreign = await call(method, path, { origin: 'https://evil.example' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    if (method === 'POST') expect(foreign.status).toBe(403);

    // A user of its own per route: two requests pass the per-user limit, the third is a 429.
    const auth = { authorization: await bearer(`gate-${method}-${path}`) };
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const res = await call(method, path, auth);
      statuses.push(res.status);
      if (path === '/events') await res.body?.cancel();
    }
    expect(statuses[0]).not.toBe(429);
    expect(statuses[0]).not.toBe(401);
    expect(statuses[2]).toBe(429);
  });
});

describe('the broker serves each route at its exact path only, as the Fetch adapter does', () => {
  const variants = (path: string) => [
    path.toUpperCase().replace('RES_1', 'res_1'),
    `${path}/`,
    `/${path}`,
  ];
  it.each(routes)('$method $path: other spellings go on to the host', async ({ method, path }) => {
    const auth = { authorization: await bearer(`exact-${method}-${path}`) };
    for (const variant of variants(path)) {
      const res = await call(method, variant, auth);
      const type = res.headers.get('content-type') ?? '';
      await res.body?.cancel();
      expect({ variant, status: res.status, broker: /json|event-stream/.test(type) }).toEqual({
        variant,
        status: 404,
        broker: false,
      });
    }
  });
});
