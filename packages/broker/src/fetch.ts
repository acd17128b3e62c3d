// Public API of @dotskit/broker/fetch: the broker as a Fetch API handler.

export type { BrokerHandler, BrokerHandlerOptions } from './http/fetch/handler';
export { createBrokerHandler } from './http/fetch/handler';
