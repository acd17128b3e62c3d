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
});
