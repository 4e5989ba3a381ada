// Small rules of the policy console.
import type { DraftSummary, PolicyDiff } from '../api/types';

/** Four eyes: a draft's author may not approve it; only open drafts can be reviewed. */
export function reviewBlock(draft: Pick<DraftSummary, 'author' | 'status'>, username: string, roles: readonly string[]): string | null {
  if (!roles.includes('policy-expert') && !roles.includes('policy-admin')) return 'Only policy experts and admins review drafts.';
  if (draft.status !== 'OPEN') return `This draft is ${String(draft.status).toLowerCase()}.`;
  if (draft.author === username) return 'You wrote this draft: another expert must review it.';
  return null;
}

/** A one-line summary of a diff, for headings and lists. */
export function diffSummary(diff: PolicyDiff | null | undefined): string {
  if (!diff || diff.empty) return 'No differences';
  const parts: string[] = [];
  const count = (n: number | undefined, what: string) => n && parts.push(`${n} ${what}`);
  count(diff.rulesAdded?.length, 'rules added');
  count(diff.rulesRemoved?.length, 'rules removed');
  count(diff.rulesChanged?.length, 'rules changed');
  count(diff.rulesMoved?.length, 'rules moved');
  count(diff.thresholdsChanged?.length, 'thresholds changed');
  count(diff.taxonomyChanges?.length, 'taxonomy changes');
  return parts.join(', ') || 'No differences';
}
