import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { pathGate } from './api-gate';

/** An app with a gate over `/flows` and `/payout-links` that records what ran. */
function app() {
  const ran: string[] = [];
  const a = express();
  a.use(
    pathGate(
      ['/flows', '/payout-links'],
      [
        (req, _res, next) => {
          ran.push(`first ${req.path}`);
          next();
        },
        (req, _res, next) => {
          if (req.headers['x-fail']) return next(new Error('refused'));
          ran.push(`second ${req.path}`);
          next();
        },
      ],
    ),
  );
  a.use((req, res) => void res.status(200).send(`end ${req.path}`));
  a.use(
    ((err, _req, res, _next) =>
      void res.status(418).send(String(err.message))) as express.ErrorRequestHandler,
  );
  return { a, ran };
}

describe('pathGate', () => {
  it('runs its handlers in order for the paths and below them, as a mount path matches', async () => {
    for (const path of ['/flows', '/flows/', '/flows/flow_1', '/FLOWS/x', '/payout-links']) {
      const { a, ran } = app();
      const res = await request(a).get(path);
      expect(res.status).toBe(200);
      expect(ran).toEqual([`first ${path}`, `second ${path}`]);
    }
  });

  it('lets other paths pass by untouched', async () => {
    for (const path of ['/flowsx', '/healthz', '/', '/x/flows', '/payout-links-old']) {
      const { a, ran } = app();
      const res = await request(a).get(path);
      expect([res.status, res.text]).toEqual([200, `end ${path}`]);
      expect(ran).toEqual([]);
    }
  });

  it('stops at the first error and hands it to the error middleware', async () => {
    const { a, ran } = app();
    const res = await request(a).get('/flows').set('x-fail', '1');
    expect([res.status, res.text]).toEqual([418, 'refused']);
    expect(ran).toEqual(['first /flows']);
  });
});
