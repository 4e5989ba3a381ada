import { appealFormProblems } from './appealReview';

describe('appeal decision form', () => {
  it('needs an outcome and an explanation', () => {
    expect(appealFormProblems({ outcome: null, reasonCode: '', explanation: '' })).toHaveLength(2);
    expect(appealFormProblems({ outcome: 'upheld', reasonCode: '', explanation: 'The post is spam as shown.' })).toEqual([]);
  });

  it('needs a reason code to overturn', () => {
    expect(appealFormProblems({ outcome: 'overturned', reasonCode: '', explanation: 'Not spam, a genuine sale.' })).toEqual([
      'Choose the reason code that applies now.',
    ]);
    expect(appealFormProblems({ outcome: 'overturned', reasonCode: 'NO-VIOLATION', explanation: 'Not spam, a genuine sale.' })).toEqual([]);
  });
});
