import { describe, expect, it } from 'vitest';
import { parseFlowMessage } from './flow-message';

describe('parseFlowMessage', () => {
  it('reads a step message and a height message', () => {
    expect(parseFlowMessage({ step: 'compliance', status: 'completed' })).toEqual({
      step: 'compliance',
      status: 'completed',
    });
    expect(parseFlowMessage({ height: 500 })).toEqual({ height: 500 });
  });

  it('refuses a status that is not a string, even one that cannot be turned into one', () => {
    expect(parseFlowMessage({ step: 'compliance', status: Object.create(null) })).toBeNull();
    expect(parseFlowMessage({ step: 'compliance', status: { toString: 1 } })).toBeNull();
    expect(parseFlowMessage({ step: 'compliance', status: ['completed'] })).toBeNull();
  });

  it("refuses a step name that is not one of Dots' (the type claims only those)", () => {
    for (const step of ['made-up-step', 'Compliance', 'payout ', 'constructor', 'a'.repeat(40)])
      expect(parseFlowMessage({ step, status: 'completed' })).toBeNull();
    expect(parseFlowMessage({ step: 'payout', status: 'completed-saved' })).toEqual({
      step: 'payout',
      status: 'completed-saved',
    });
    expect(parseFlowMessage({ step: 'payout', status: 'completed-ish' })).toBeNull();
  });
});
