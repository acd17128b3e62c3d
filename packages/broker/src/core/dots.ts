import { createDotsClient, type DotsClient } from '@dotskit/api';
import type { Logger } from 'pino';
import { createKeepAliveFetch } from '../keep-alive-fetch';
import { isDotsClient } from '../options';
import type { BrokerOptions } from '../types';

/** The broker's Dots client, and a close for the transport it made (if any). */
export interface BrokerDots {
  client: DotsClient;
  close(): void;
}

/**
 * The host's ready client, or one built from the credentials over a node:http keep-alive
 * transport; the client's log lines (never credentials) go to the broker's logger.
 */
export function createBrokerDots(options: BrokerOptions['dots'], logger: Logger): BrokerDots {
  if (isDotsClient(options)) return { client: options, close: () => undefined };
  const transport = options.fetch ? undefined : createKeepAliveFetch();
  const client = createDotsClient({
    ...options,
    ...(transport ? { fetch: transport } : {}),
    logger: {
      debug: (message, meta) => logger.debug(meta ?? {}, message),
      warn: (message, meta) => logger.warn(meta ?? {}, message),
    },
    onWarning: (message) => logger.warn(message),
  });
  return { client, close: () => transport?.close() };
}
