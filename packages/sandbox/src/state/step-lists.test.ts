import { describe, expect, it } from 'vitest';
import { makeSandbox } from '../test-support/helpers';
import { stepList } from './step-lists';

describe('flow step lists', () => {
  it('shares one frozen list between flows with the same plain steps', () => {
    const a = stepList(['compliance', 'manage-payouts']);
    const b = stepList([{ name: 'compliance' }, 'manage-payouts']);
    expect(b).toBe(a);
    expect(a).toEqual([{ name: 'compliance' }, { name: 'manage-payouts' }]);
    expect(Object.isFrozen(a) && a.every((s) => Object.isFrozen(s))).toBe(true);
    expect(stepList(['compliance'])).not.toBe(a);
  });

  it('copies steps that carry options, per flow', () => {
    const input = [{ name: 'redirect' as const, redirect_url: 'https://example.com/done' }];
    const a = stepList(input);
    const b = stepList(input);
    expect(a).not.toBe(b);
    expect(a[0]).not.toBe(input[0]);
    expect(a).toEqual(input);
  });

  it('still serves and completes flows whose steps are shared', async () => {
    const s = makeSandbox();
    const one = await s.api.post('/v2/flows', { steps: ['compliance', 'manage-payouts'] });
    const two = await s.api.post('/v2/flows', { steps: ['compliance', 'manage-payouts'] });
    await s.raw().post(`/_sandbox/flows/${one.body.id}/steps/compliance/complete`).send({});
    expect((await s.api.get(`/v2/flows/${one.body.id}`)).body.completed_steps).toEqual([
      'compliance',
    ]);
    expect((await s.api.get(`/v2/flows/${two.body.id}`)).body).toMatchObject({
      steps: ['compliance', 'manage-payouts'],
      completed_steps: [],
    });
  });
});
