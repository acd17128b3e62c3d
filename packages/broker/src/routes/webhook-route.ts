import { type RequestHandler, Router } from 'express';
import { rawBody } from '../http-guards';
import { route } from './resources';

/** `POST /webhooks` with the raw body (the signature covers the exact bytes). */
export function webhookRoute(handler: RequestHandler, limit: number | string): Router {
  const router = Router();
  router.post('/webhooks', route('POST /webhooks'), rawBody(limit), handler);
  return router;
}
