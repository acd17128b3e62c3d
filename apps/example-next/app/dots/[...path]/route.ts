// The dotskit broker at /dots: it holds the Dots API key, creates flows and payout links
// for the signed-in seller, receives Dots' webhooks (/dots/webhooks) and streams status
// (/dots/events, server-sent events).
import { type BrokerHandler, createBrokerHandler } from '@dotskit/broker/fetch';
import { dotsEnvironment, requiredEnv } from '../../../lib/dots-env.js';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic'; // never cached or prerendered; SSE streams as it goes

let broker: BrokerHandler | undefined;
/** The broker, made on the first request: `next build` imports this module too. */
function theBroker(): BrokerHandler {
  if (broker) return broker;
  const created = createBrokerHandler({
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
  // On SIGTERM `next start` waits for open requests: end the event streams so it can exit.
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => void created.close());
  broker = created;
  return created;
}

const handle = (request: Request): Promise<Response> => theBroker()(request);

export { handle as GET, handle as OPTIONS, handle as POST };
