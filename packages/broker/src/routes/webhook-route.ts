import type { RequestHandler, Router } from 'express';
import { rawBody } from '../http-guards';
import { route } from './resources';

/** `POST /webhooks` with the raw body (the signature covers the exact bytes). */
export function webhookRoute(
  router: Router,
  handler: RequestHandler,
  limit: number | string,
): void {
  router.post('/webhooks', route('POST /webhooks'), rawBody(limit), handler);
}
