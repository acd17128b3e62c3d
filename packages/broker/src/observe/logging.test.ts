import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createBroker } from '../create-broker';
import { createMemoryStore } from '../store/memory-store';
import { JWT_SECRET, signWebhook, UNREACHED_DOTS } from '../test-support/helpers';
import { requestContext } from './logging';
import { createMetrics } from './metrics';

/** A pino logger at `level` whose lines land in the returned array, parsed. */
function collect(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
      cb();
    },
  });
  return { logger: pino({ level }, sink), lines };
}

const dots = UNREACHED_DOTS;

describe('broker logging defaults', () => {
  it('without a webhook secret: one warning at creation, then no error per webhook', async () => {
    const { logger, lines } = collect('info');
    const broker = createBroker({
      dots,
      auth: { jwtSecret: JWT_SECRET },
      store: createMemoryStore(),
      logger,
    });
    try {
      const warnings = lines.filter((l) => l.level === 40);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.msg).toMatch(/webhooks are disabled.*DOTS_WEBHOOK_SECRET/);
      const app = express().use(broker);
      const body = '{"event":"flow.updated","flow_id":"f"}';
      for (let i = 0; i < 3; i++) {
        const res = await request(app).post('/webhooks').set(signWebhook(body)).send(body);
        expect(res.status).toBe(503);
        expect(res.body.error.code).toBe('webhooks_disabled');
      }
      expect(lines.filter((l) => (l.level as number) >= 50)).toEqual([]);
      expect(lines.filter((l) => l.level === 40)).toHaveLength(1);
      expect(JSON.stringify(lines)).not.toMatch(/"stack"/);
    } finally {
      await broker.close();
    }
  });

  it('logs requests at info, but SSE streams and probes that succeed only at debug', async () => {
    const { logger, lines } = collect('debug');
    const app = express();
    app.use(requestContext(logger, createMetrics()));
    app.get('/:route', (req, res) => {
      res.locals.route = `GET /${req.params.route}`;
      res.status(Number(req.query.status ?? 200)).end();
    });
    for (const path of ['events', 'healthz', 'readyz', 'metrics', 'flows', 'events?status=401'])
      await request(app).get(`/${path}`);
    const levels = lines.map((l) => [l.route, l.status, l.level]);
    expect(levels).toEqual([
      ['GET /events', '200', 20],
      ['GET /healthz', '200', 20],
      ['GET /readyz', '200', 20],
      ['GET /metrics', '200', 20],
      ['GET /flows', '200', 30],
      ['GET /events', '401', 30],
    ]);
  });
});
