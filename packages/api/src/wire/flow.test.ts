import { describe, expect, it } from 'vitest';
import {
  FLOW_LINK_TTL_MS,
  flowExpiresAt,
  flowStepName,
  isFlowComplete,
  isFlowStepName,
  parseDotsTime,
} from './flow';

describe('flow rules', () => {
  it('flowStepName reads strings and objects', () => {
    expect(flowStepName('payout')).toBe('payout');
    expect(flowStepName({ name: 'manage-payouts', hide_continue_button: true })).toBe(
      'manage-payouts',
    );
  });

  it('isFlowStepName accepts the eight names only', () => {
    expect(isFlowStepName('id-verification')).toBe(true);
    for (const bad of ['payouts', 'Compliance', '', 42, null, undefined, { name: 'payout' }])
      expect(isFlowStepName(bad), String(bad)).toBe(false);
  });

  it('isFlowComplete: completed_steps must cover steps, in any order, strings or objects', () => {
    expect(
      isFlowComplete({ steps: ['compliance', 'manage-payouts'], completed_steps: ['compliance'] }),
    ).toBe(false);
    expect(
      isFlowComplete({
        steps: ['compliance', { name: 'manage-payouts', hide_continue_button: true }],
        completed_steps: ['manage-payouts', { name: 'compliance' }],
      }),
    ).toBe(true);
    expect(isFlowComplete({ steps: ['payout'], completed_steps: [] })).toBe(false);
  });

  it('isFlowComplete: a flow with no steps is not complete', () => {
    expect(isFlowComplete({ steps: [], completed_steps: [] })).toBe(false);
    expect(isFlowComplete({ steps: [], completed_steps: ['payout'] })).toBe(false);
  });

  it('parseDotsTime reads zone-less ISO as UTC, zoned ISO and HTTP dates as they are', () => {
    const utc = Date.UTC(2024, 6, 30, 13, 19, 9, 438);
    expect(parseDotsTime('2024-07-30T13:19:09.438268')).toBe(utc);
    expect(parseDotsTime('2024-07-30T13:19:09.438Z')).toBe(utc);
    expect(parseDotsTime('2024-07-30T15:19:09.438+02:00')).toBe(utc);
    expect(parseDotsTime('Thu, 11 Jul 2024 21:17:33 GMT')).toBe(Date.UTC(2024, 6, 11, 21, 17, 33));
    expect(parseDotsTime(undefined)).toBeNaN();
    expect(parseDotsTime('soon')).toBeNaN();
  });

  it('flowExpiresAt: only a flow created with a user_id expires, 15 minutes after created', () => {
    const created = '2024-07-30T13:00:00';
    expect(flowExpiresAt({ user_id: 'u1' }, parseDotsTime(created))).toBe(
      Date.UTC(2024, 6, 30, 13, 15) /* 15 minutes later */,
    );
    expect(FLOW_LINK_TTL_MS).toBe(15 * 60_000);
    // A first-time seller's flow (no user yet) never expires.
    expect(flowExpiresAt({ user_id: null }, parseDotsTime(created))).toBeNull();
    expect(flowExpiresAt({}, parseDotsTime(created))).toBeNull();
    // Counted from a given local time instead (the creation answer's arrival, say).
    expect(flowExpiresAt({ user_id: 'u1' }, 1_000)).toBe(1_000 + FLOW_LINK_TTL_MS);
    expect(flowExpiresAt({ user_id: null }, 1_000)).toBeNull();
  });
});
