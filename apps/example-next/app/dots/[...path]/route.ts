// The dotskit broker at /dots: it holds the Dots API key, creates flows and payout links
// for the signed-in seller, receives Dots' webhooks (/dots/webhooks) and streams status
// (/dots/events, server-sent events).
import { type BrokerHandler, createBrokerHandler } from '@dotskit/broker/fetch';
import { dotsEnvironment, requiredEnv } from '../../../lib/dots-env.js';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic'; // never cached or prerendered; SSE streams as it goes

// Created on the first request: `next build` loads this module without the server's env.
let broker: BrokerHandler | undefined;
function handle(request: Request): Promise<Response> {
  broker ??= createBrokerHandler({
    basePath: '/dots',
    dots: {
      clientId: requiredEnv('DOTS_CLIENT_ID'),
      apiKey: requiredEnv('DOTS_API_KEY'),
      environment: dotsEnvironment(),
    },
    auth: { jwtSecret: requiredEnv('DOTSKIT_JWT_SECRET') },
    databaseUrl: process.env.DATABASE_URL ?? 'memory:',
    webhookSecret: requiredEnv('DOTS_WEBHOOK_SECRET'),
  });
  return broker(request);
}

export { handle as GET, handle as OPTIONS, handle as POST };
