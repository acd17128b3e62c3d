// Public API of @dotskit/sandbox. Nothing else is public.

export type { SandboxClock } from './clock';
export type { SandboxFaults } from './controls/faults';
export type { SandboxOptions } from './options';
export { DEFAULT_API_KEY, DEFAULT_CLIENT_ID } from './options';
export type { RunningSandbox, SandboxApp } from './sandbox';
export { createSandbox, startSandbox } from './sandbox';
export type { SandboxEngine, SandboxTimings } from './state/engine';
export { INITIAL_WALLET_CENTS } from './state/engine';
export type {
  WebhookAttempt,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookRetryOptions,
} from './webhooks/dispatcher';
export type { SandboxEventType } from './webhooks/events';
export { signWebhook } from './webhooks/sign';
