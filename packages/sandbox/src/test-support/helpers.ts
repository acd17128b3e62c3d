import request from 'supertest';
import type { SandboxOptions } from '../options';
import { createSandbox } from '../sandbox';

/** Basic auth header for the default credentials. */
export const AUTH = `Basic ${Buffer.from('sandbox_client_id:sandbox_api_key').toString('base64')}`;

/** A sandbox app with controls on, and a supertest agent bound to it with default auth. */
export function makeSandbox(options: SandboxOptions = {}) {
  const app = createSandbox({ enableControls: true, ...options });
  const api = {
    get: (path: string) => request(app).get(`/api${path}`).set('Authorization', AUTH),
    post: (path: string, body?: object) =>
      request(app)
        .post(`/api${path}`)
        .set('Authorization', AUTH)
        .send(body ?? {}),
    patch: (path: string, body?: object) =>
      request(app)
        .patch(`/api${path}`)
        .set('Authorization', AUTH)
        .send(body ?? {}),
    delete: (path: string) => request(app).delete(`/api${path}`).set('Authorization', AUTH),
  };
  return { app, engine: app.locals.sandbox, api, raw: () => request(app) };
}

/** A valid create-user body with a unique email. */
export function userBody(n = 1) {
  return {
    first_name: 'Bob',
    last_name: `Loblaw${n}`,
    email: `bob${n}@example.com`,
    country_code: '1',
    phone_number: '4154332334',
  };
}
