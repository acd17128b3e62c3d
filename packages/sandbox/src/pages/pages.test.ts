import { describe, expect, it } from 'vitest';
import { makeSandbox, userBody } from '../test-support/helpers';

const JSON_ACCEPT = { accept: 'application/json' };

describe('hosted flow page', () => {
  it('renders onboarding with labelled fields, then creates the user and sets user_id', async () => {
    const s = makeSandbox();
    const flow = (await s.api.post('/v2/flows', { steps: ['compliance'] })).body;
    const page = await s.raw().get(new URL(flow.link).pathname);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['x-frame-options']).toBeUndefined();
    for (const name of ['first_name', 'last_name', 'email', 'country_code', 'phone_number']) {
      expect(page.text).toContain(`<label for="f-${name}">`);
      expect(page.text).toMatch(
        new RegExp(`id="f-${name}" name="${name}"[^>]*aria-describedby="[^"]*f-${name}-error"`),
      );
    }
    const bad = await s
      .raw()
      .post(`/flow/${flow.id}/onboarding`)
      .set(JSON_ACCEPT)
      .send({ ...userBody(), email: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid-email', details: [{ field: 'email' }] });
    const ok = await s.raw().post(`/flow/${flow.id}/onboarding`).set(JSON_ACCEPT).send(userBody());
    expect(ok.status).toBe(200);
    expect(ok.body.message).toBeUndefined();
    expect(ok.body.html).toContain('Tax information');
    const after = (await s.api.get(`/v2/flows/${flow.id}`)).body;
    expect(after.user_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('completes steps in order, answering the iframe message, and shows done', async () => {
    const s = makeSandbox();
    const uid = (await s.api.post('/v2/users', userBody())).body.id;
    const flow = (
      await s.api.post('/v2/flows', { steps: ['compliance', 'manage-payouts'], user_id: uid })
    ).body;
    const html = (await s.raw().get(`/flow/${flow.id}`)).text;
    expect(html).toContain('Step 1 of 2');
    const missing = await s
      .raw()
      .post(`/flow/${flow.id}/steps/compliance`)
      .set(JSON_ACCEPT)
      .send({ tax_id: '12' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toEqual([
      'tax_id',
      'date_of_birth',
      'address',
      'postal_code',
    ]);
    const c = await s.raw().post(`/flow/${flow.id}/steps/compliance`).set(JSON_ACCEPT).send({
      tax_id: '123-45-6789',
      date_of_birth: '1990-02-03',
      address: '1 Main St',
      postal_code: '94105',
    });
    expect(c.body.message).toEqual({ step: 'compliance', status: 'completed' });
    expect(c.body.html).toContain('Step 2 of 2');
    const m = await s
      .raw()
      .post(`/flow/${flow.id}/steps/manage-payouts`)
      .set(JSON_ACCEPT)
      .send({ platform: 'paypal', email: 'bob@pay.example' });
    expect(m.body.message).toEqual({ step: 'manage-payouts', status: 'completed' });
    expect(m.body.html).toContain('All done');
    expect((await s.api.get(`/v2/flows/${flow.id}`)).body.completed_steps).toEqual([
      'compliance',
      'manage-payouts',
    ]);
    const user = (await s.api.get(`/v2/users/${uid}`)).body;
    expect(user).toMatchObject({
      default_payout_method: 'paypal',
      compliance: { tax_id_collected: true },
    });
  });

  it('reports completed-saved when manage-payouts is saved without change, and honours hide_continue_button', async () => {
    const s = makeSandbox();
    const uid = (await s.api.post('/v2/users', userBody())).body.id;
    const body = { platform: 'venmo', phone_number: '4155550123' };
    for (const expected of ['completed', 'completed-saved']) {
      const flow = (
        await s.api.post('/v2/flows', {
          steps: [{ name: 'manage-payouts', hide_continue_button: true }],
          user_id: uid,
        })
      ).body;
      const res = await s
        .raw()
        .post(`/flow/${flow.id}/steps/manage-payouts`)
        .set(JSON_ACCEPT)
        .send(body);
      expect(res.body.message).toEqual({ step: 'manage-payouts', status: expected });
      expect(res.body.html).toContain('Saved');
      expect(res.body.html).not.toContain('Go to dashboard');
    }
  });

  it('expires a user-bound link after 15 emulated minutes', async () => {
    const s = makeSandbox();
    const uid = (await s.api.post('/v2/users', userBody())).body.id;
    const flow = (await s.api.post('/v2/flows', { steps: ['compliance'], user_id: uid })).body;
    s.engine.clock.advance(14 * 60 * 1000);
    expect((await s.raw().get(`/flow/${flow.id}`)).text).toContain('Tax information');
    await s.raw().post('/_sandbox/clock/advance').send({ seconds: 60 });
    expect((await s.raw().get(`/flow/${flow.id}`)).text).toContain('This link has expired');
    const late = await s
      .raw()
      .post(`/_sandbox/flows/${flow.id}/steps/compliance/complete`)
      .send({});
    expect(late.status).toBe(400);
  });

  it('never expires a flow created without a user: a first-time seller may take 20 minutes', async () => {
    const s = makeSandbox();
    const steps = ['compliance', 'manage-payouts'];
    const flow = (await s.api.post('/v2/flows', { steps })).body;
    const complete = (step: string) =>
      s.raw().post(`/_sandbox/flows/${flow.id}/steps/${step}/complete`).send({});
    s.engine.clock.advance(20 * 60 * 1000);
    expect((await s.raw().get(`/flow/${flow.id}`)).text).not.toContain('This link has expired');
    // Signing in (done with the first step here) gives the flow a user_id; that does not
    // start a 15-minute clock either.
    expect((await complete('compliance')).status).toBe(200);
    expect((await s.api.get(`/v2/flows/${flow.id}`)).body.user_id).toEqual(expect.any(String));
    s.engine.clock.advance(20 * 60 * 1000);
    expect((await complete('manage-payouts')).status).toBe(200);
    expect((await s.api.get(`/v2/flows/${flow.id}`)).body.completed_steps).toEqual(steps);
  });

  it('themes from ?styles= and drops unsafe values', async () => {
    const s = makeSandbox();
    const flow = (await s.api.post('/v2/flows', { steps: ['payout'] })).body;
    const styles = encodeURIComponent(
      JSON.stringify({
        theme: 'dark',
        variables: {
          primaryColor: '#ff0066',
          backgroundColor: 'red;}</style><script>alert(1)</script>',
          borderRadius: '2px',
        },
      }),
    );
    const html = (await s.raw().get(`/flow/${flow.id}?styles=${styles}`)).text;
    expect(html).toContain('data-theme="dark"');
    expect(html).toContain('--dots-primaryColor: #ff0066;');
    expect(html).toContain('--dots-borderRadius: 2px;');
    expect(html).toContain('--dots-backgroundColor: #111827;');
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('red;}');
    expect(html).toContain(`action="/flow/${flow.id}/onboarding?styles=`);
  });

  it('works without script: form posts redirect (303) and re-render errors', async () => {
    const s = makeSandbox();
    const flow = (
      await s.api.post('/v2/flows', {
        steps: [{ name: 'redirect', redirect_url: 'https://host.example/back' }],
      })
    ).body;
    const bad = await s
      .raw()
      .post(`/flow/${flow.id}/onboarding`)
      .type('form')
      .send({ first_name: 'A' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="f-email"[^>]*aria-invalid="true"/);
    const ok = await s.raw().post(`/flow/${flow.id}/onboarding`).type('form').send(userBody());
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe(`/flow/${flow.id}`);
    const go = await s.raw().post(`/flow/${flow.id}/steps/redirect`).type('form').send({});
    expect(go.status).toBe(303);
    expect(go.headers.location).toBe('https://host.example/back');
  });

  it('defines its error colour and words onboarding errors for people', async () => {
    const s = makeSandbox();
    const flow = (await s.api.post('/v2/flows', { steps: ['compliance'] })).body;
    const bad = await s.raw().post(`/flow/${flow.id}/onboarding`).type('form').send({
      first_name: '',
      last_name: 'X',
      email: 'nope',
      country_code: '1',
      phone_number: '1',
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter your first name');
    expect(bad.text).toContain('Enter your email address');
    expect(bad.text).not.toMatch(/Too small|expected string/);
    expect(bad.text).toMatch(/:root\{--dotskit-errorColor:#[0-9a-f]{6}\}/);
    expect(bad.text).toMatch(/html\[data-theme=dark\]\{--dotskit-errorColor:#[0-9a-f]{6}\}/);
  });
});
