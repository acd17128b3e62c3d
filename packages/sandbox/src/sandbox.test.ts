import { describe, expect, it } from 'vitest';
import { makeSandbox, userBody } from './test-support/helpers';

describe('REST basics', () => {
  it('rejects missing and wrong credentials with 401 in Dots shape', async () => {
    const { raw } = makeSandbox();
    const none = await raw().get('/api/v2/flows');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error: 'unauthorized' });
    const wrong = await raw().get('/api/v2/flows').auth('sandbox_client_id', 'nope');
    expect(wrong.status).toBe(401);
    expect(JSON.stringify(wrong.body)).not.toContain('sandbox_api_key');
  });

  it('says which method and path were not recognised', async () => {
    const { raw, api } = makeSandbox();
    const res = await api.get('/v2/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('GET /api/v2/nothing-here');
    const page = await raw().put('/whatever');
    expect(page.status).toBe(404);
    expect(page.body.message).toContain('PUT /whatever');
  });

  it('creates a user, a flow for it, and lists both', async () => {
    const { api } = makeSandbox();
    const user = await api.post('/v2/users', userBody());
    expect(user.status).toBe(201);
    expect(user.body).toMatchObject({
      first_name: 'Bob',
      status: 'unverified',
      wallet: { amount: 0 },
    });
    const flow = await api.post('/v2/flows', {
      steps: ['compliance', { name: 'manage-payouts', hide_continue_button: true }],
      user_id: user.body.id,
    });
    expect(flow.status).toBe(200);
    expect(flow.body.link).toMatch(/^http:\/\/127\.0\.0\.1(:\d+)?\/flow\/[0-9a-f-]{36}$/);
    expect(flow.body).toMatchObject({
      steps: ['compliance', 'manage-payouts'],
      completed_steps: [],
      user_id: user.body.id,
    });
    const list = await api.get('/v2/flows');
    expect(list.body).toMatchObject({ has_more: false, data: [{ id: flow.body.id }] });
  });

  it('answers bad input with 400 and Dots codes', async () => {
    const { api } = makeSandbox();
    const bad = await api.post('/v2/users', { ...userBody(), email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid-email', details: [{ field: 'email' }] });
    // Dots' own shape: no [dotskit] prefix in what goes over the wire.
    expect(bad.body.message).toMatch(/^Invalid request body\. /);
    const phone = await api.post('/v2/users', { ...userBody(), phone_number: '+1 415' });
    expect(phone.body.error).toBe('invalid-phone-number');
    const steps = await api.post('/v2/flows', { steps: ['nope'] });
    expect(steps.status).toBe(400);
    expect(steps.body.error).toBe('invalid-input');
    const json = await api
      .post('/v2/flows')
      .set('content-type', 'application/json')
      .send('{"steps":');
    expect(json.status).toBe(400);
    expect(json.body.error).toBe('invalid-input');
  });
});
