import { diffSummary, reviewBlock } from './policy';

describe('policy console rules', () => {
  it('keeps the author from approving their own draft', () => {
    expect(reviewBlock({ author: 'expert1', status: 'OPEN' }, 'expert1', ['policy-expert'])).toMatch(/another expert/);
    expect(reviewBlock({ author: 'expert1', status: 'OPEN' }, 'expert2', ['policy-expert'])).toBeNull();
    expect(reviewBlock({ author: 'expert1', status: 'PUBLISHED' }, 'expert2', ['policy-expert'])).toMatch(/published/);
    expect(reviewBlock({ author: 'expert1', status: 'OPEN' }, 'auditor1', ['auditor'])).toMatch(/Only policy/);
  });

  it('summarises a diff', () => {
    expect(diffSummary({ empty: true })).toBe('No differences');
    expect(diffSummary({ empty: false, rulesAdded: ['r1'], thresholdsChanged: [{ ruleId: 'r2' }, { ruleId: 'r3' }] })).toBe(
      '1 rules added, 2 thresholds changed',
    );
  });
});
