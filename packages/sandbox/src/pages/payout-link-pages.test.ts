import { describe, expect, it } from 'vitest';
import { makeSandbox, userBody } from '../test-support/helpers';

const JSON_ACCEPT = { Accept: 'application/json' };

// A payout link's page is its flow's page, as in Dots (DOTS-FACTS.md).
describe('payout link pages', () => {
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
    const hidden = (
      await s.api.post('/v2/payout-links', { amount: 100, hide_go_to_dashboard_on_complete: true })
    ).body;
    await s.raw().post(`/_sandbox/payout-links/${hidden.id}/claim`).send({});
    const end = (await s.raw().get(`/flow/${hidden.flow_id}`)).text;
    expect(end).toContain('All done');
    expect(end).not.toContain('Go to dashboard');
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
