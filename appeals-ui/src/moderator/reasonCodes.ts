// The shipped taxonomy's reason codes (policy-library taxonomy.json), for when the case view of the
// service is not there to list them.
import type { ReasonCodeOption } from '../api/contract';

export const SHIPPED_REASON_CODES: ReasonCodeOption[] = [
  { code: 'NO-VIOLATION', category: 'none', action: 'allow', title: 'No violation' },
  { code: 'SPAM-01', category: 'spam', action: 'remove', title: 'Spam' },
  { code: 'SPAM-02', category: 'spam', action: 'demote', title: 'Spam, low harm: demote' },
  { code: 'SCAM-01', category: 'scams_fraud', action: 'remove', title: 'Scam or fraud' },
  { code: 'HATE-01', category: 'hate_speech', action: 'remove', title: 'Hate speech' },
  { code: 'HATE-02', category: 'hate_speech', action: 'suspend', title: 'Repeated hate speech: suspend' },
  { code: 'VIOL-01', category: 'violence', action: 'remove', title: 'Violence' },
  { code: 'VIOL-02', category: 'violence', action: 'label', title: 'Violence, newsworthy: label' },
  { code: 'SEX-01', category: 'sexual_content', action: 'remove', title: 'Sexual content' },
  { code: 'SEX-02', category: 'sexual_content', action: 'label', title: 'Sexual content: label' },
  { code: 'TERR-01', category: 'terrorist_content', action: 'remove', title: 'Terrorist content' },
  { code: 'CSAM-01', category: 'child_sexual_abuse', action: 'suspend', title: 'Child sexual abuse material' },
];
