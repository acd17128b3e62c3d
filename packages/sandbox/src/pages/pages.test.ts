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

  it("a payout link's link is its flow page: onboarding claims, the payout step pays out", async () => {
    const s = makeSandbox({ timings: { transferSettleMs: 1000 } });
    const link = (await s.api.post('/v2/payout-links', { amount: 1234, memo: 'Great work <3' }))
      .body;
    // As in Dots: `link` is `…/flow/{flow_id}`, a link-method link is delivered, and its
    // transfer exists from the start.
    expect(link.link).toMatch(new RegExp(`/flow/${link.flow_id}$`));
    expect(link.status).toBe('delivered');
    const reserved = (await s.api.get(`/v2/transfers/${link.transfer_id}`)).body;
    expect(reserved).toMatchObject({ status: 'created', type: 'payout', amount: 1234 });
    expect(reserved.user_id).toBeUndefined();
    const page = await s.raw().get(new URL(link.link).pathname);
    expect(page.text).toContain('Claim your payment');
    expect(page.text).toContain('$12.34 — Great work &lt;3. First');
    expect((await s.raw().get(`/payout-link/${link.id}`)).status).toBe(404);
    await s.raw().post(`/flow/${link.flow_id}/onboarding`).set(JSON_ACCEPT).send(userBody());
    const claimed = (await s.api.get(`/v2/payout-links/${link.id}`)).body;
    expect(claimed.status).toBe('claimed');
    const paid = await s
      .raw()
      .post(`/flow/${link.flow_id}/steps/payout`)
      .set(JSON_ACCEPT)
      .send({ platform: 'paypal', email: 'me@pay.example' });
    expect(paid.body.message).toEqual({ step: 'payout', status: 'completed' });
    const after = (await s.api.get(`/v2/payout-links/${link.id}`)).body;
    expect(after.transfer_id).toBe(link.transfer_id);
    const transfer = (await s.api.get(`/v2/transfers/${after.transfer_id}`)).body;
    expect(transfer).toMatchObject({
      type: 'payout',
      amount: 1234,
      status: 'pending',
      user_id: claimed.claimed_user_id,
      payout_link_id: link.id,
    });
    s.engine.clock.advance(1000);
    const done = (await s.api.get(`/v2/transfers/${after.transfer_id}`)).body;
    expect(done.status_history.map((h: { status: string }) => h.status)).toEqual([
      'created',
      'pending',
      'completed',
    ]);
    expect((await s.raw().get(`/flow/${link.flow_id}`)).text).toContain('All done');
  });

  it('memo punctuation is not doubled; "Go to dashboard" opens a real page', async () => {
    const s = makeSandbox();
    const link = (
      await s.api.post('/v2/payout-links', { amount: 500, memo: 'Thanks for the gig!' })
    ).body;
    const page = (await s.raw().get(`/flow/${link.flow_id}`)).text;
    expect(page).toContain('Claim $5.00 — Thanks for the gig! First');
    expect(page).not.toContain('gig!.');
    await s.raw().post(`/_sandbox/payout-links/${link.id}/claim`).send({});
    const done = (await s.raw().get(`/flow/${link.flow_id}`)).text;
    const href = /<a class="button" href="([^"]+)">Go to dashboard<\/a>/.exec(done)?.[1];
    expect(href).toBe(`/flow/${link.flow_id}/dashboard`);
    const dashboard = await s.raw().get(href!);
    expect(dashboard.status).toBe(200);
    expect(dashboard.text).toContain('Your Dots dashboard');
    expect(dashboard.text).toContain('PayPal');
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

describe('payout link for a known user', () => {
  it('opens signed in at the payout step and is claimed by completing it', async () => {
    const s = makeSandbox();
    const uid = (await s.api.post('/v2/users', userBody())).body.id;
    const link = (await s.api.post('/v2/payout-links', { amount: 800, user_id: uid })).body;
    const html = (await s.raw().get(`/flow/${link.flow_id}`)).text;
    expect(html).toContain('Withdraw funds');
    expect(html).toContain('$8.00');
    const paid = await s
      .raw()
      .post(`/flow/${link.flow_id}/steps/payout`)
      .set(JSON_ACCEPT)
      .send({ platform: 'paypal', email: 'known@pay.example' });
    expect(paid.body.message).toEqual({ step: 'payout', status: 'completed' });
    const after = (await s.api.get(`/v2/payout-links/${link.id}`)).body;
    expect(after).toMatchObject({ status: 'claimed', claimed_user_id: uid });
    expect(after.transfer_id).toBeTruthy();
  });
});
