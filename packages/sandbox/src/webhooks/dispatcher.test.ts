import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../clock';
import { createDispatcher } from './dispatcher';

// A long run (the 10-minute soak) sends more deliveries than the log keeps: its counts
// must come from totals(), which the log's bound does not touch.
describe('webhook dispatcher totals', () => {
  let url: string;
  let fail = false;
  const server = createServer((req, res) => {
    req.resume();
    res.statusCode = fail ? 500 : 200;
    res.end();
  });
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('counts every queued and failed delivery past the 10,000 the log keeps; reset zeroes them', async () => {
    const dispatcher = createDispatcher(createClock(), { delaysMs: [] });
    dispatcher.addEndpoint(url, 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    for (let i = 0; i < 10_050; i++) {
      dispatcher.emit('flow.updated', { id: `f${i}` });
      if (i % 500 === 0) await dispatcher.idle();
    }
    await dispatcher.idle();
    fail = true;
    dispatcher.emit('flow.updated', { id: 'failing' });
    await dispatcher.idle();
    expect(dispatcher.deliveries().length).toBeLessThanOrEqual(10_000);
    expect(dispatcher.totals()).toEqual({ queued: 10_051, failed: 1 });
    dispatcher.reset([]);
    expect(dispatcher.totals()).toEqual({ queued: 0, failed: 0 });
  }, 60_000);
});
