// The bare minimum a host could run instead of the broker: an Express app that forwards
// every request to Dots (here the sandbox) over node:http keep-alive, adding the Basic
// auth header. No JWT check, no ownership, no validation, no store.
import http from 'node:http';
import { basicAuth } from '../lib/auth.mjs';
import { requireFrom } from '../lib/load.mjs';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'host',
  'authorization',
  'transfer-encoding',
]);

export async function start({ upstream }) {
  // Express as the broker uses it (the bench package itself does not depend on it).
  const express = requireFrom('@dotskit/broker')('express');
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res) => {
    const headers = { authorization: basicAuth(), host: target.host };
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
    const up = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: `${target.pathname.replace(/\/$/, '')}/v2${req.url}`,
        headers,
        agent,
      },
      (upRes) => {
        const out = { ...upRes.headers };
        delete out.connection;
        delete out['keep-alive'];
        res.writeHead(upRes.statusCode ?? 502, out);
        upRes.pipe(res);
      },
    );
    up.on('error', () => {
      if (!res.headersSent) res.status(502).json({ error: { code: 'upstream_error' } });
      else res.destroy();
    });
    req.pipe(up);
  });
  const server = http.createServer(app);
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
