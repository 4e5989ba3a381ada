import { actionText, appealChoice, isFinal, statementFields } from './appeals';
import type { MyDecision } from '../api/contract';

const decision: MyDecision = {
  decisionId: 'd1',
  caseId: 'c1',
  platformId: 'demo',
  externalId: 'post-1',
  surface: 'public_post',
  action: 'remove',
  category: 'spam',
  reasonCode: 'SPAM-01',
  decidedAt: '2026-01-01T00:00:00Z',
  automated: true,
  statement: { summary: 'Removed as spam', legalGround: 'Terms of service', automatedDetection: true },
  appealable: true,
  appealDeadline: '2026-07-01T00:00:00Z',
  notAppealableReason: null,
  appealId: null,
};

describe('appellant logic', () => {
  it('offers an appeal until the deadline', () => {
    expect(appealChoice(decision, new Date('2026-02-01T00:00:00Z'))).toEqual({ kind: 'appealable', deadline: '2026-07-01T00:00:00Z' });
    expect(appealChoice(decision, new Date('2026-08-01T00:00:00Z')).kind).toBe('closed');
  });

  it('links an open appeal and explains a closed door', () => {
    expect(appealChoice({ ...decision, appealId: 'a1' })).toEqual({ kind: 'open', appealId: 'a1' });
    expect(appealChoice({ ...decision, appealable: false, notAppealableReason: 'No action was taken' })).toEqual({
      kind: 'closed',
      reason: 'No action was taken',
    });
  });

  it('speaks plainly', () => {
    expect(actionText('remove')).toBe('Your content was removed');
    expect(actionText('quarantine')).toBe('Action taken: quarantine');
    expect(isFinal('overturned')).toBe(true);
    expect(isFinal('in-review')).toBe(false);
  });

  it('lists the statement fields besides the summary', () => {
    expect(statementFields(decision.statement)).toEqual([
      { label: 'Legal Ground', value: 'Terms of service' },
      { label: 'Automated Detection', value: 'true' },
    ]);
  });
});
