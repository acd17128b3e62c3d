import { describe, expect, it } from 'vitest';
import { flowStepName, isFlowComplete } from './flow-helpers';

describe('flow helpers', () => {
  it('flowStepName reads strings and objects', () => {
    expect(flowStepName('payout')).toBe('payout');
    expect(flowStepName({ name: 'manage-payouts', hide_continue_button: true })).toBe(
      'manage-payouts',
    );
  });

  it('isFlowComplete: completed_steps must cover steps', () => {
    expect(
      isFlowComplete({ steps: ['compliance', 'manage-payouts'], completed_steps: ['compliance'] }),
    ).toBe(false);
    expect(
      isFlowComplete({
        steps: ['compliance', { name: 'manage-payouts', hide_continue_button: true }],
        completed_steps: ['manage-payouts', 'compliance'],
      }),
    ).toBe(true);
    expect(isFlowComplete({ steps: ['payout'] })).toBe(false);
    expect(isFlowComplete({ steps: [], completed_steps: [] })).toBe(false);
    expect(isFlowComplete({ completed_steps: ['payout'] })).toBe(false);
  });
});
