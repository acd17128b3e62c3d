/**
 * The broker's event types, as `@dotskit/api/wire` defines them: a re-export kept so that
 * `src/testing/**` (the fake broker) compiles while it still imports from here. The
 * stream itself is read in `event-stream.ts`.
 */
export type { BrokerEventType } from '@dotskit/api/wire';
