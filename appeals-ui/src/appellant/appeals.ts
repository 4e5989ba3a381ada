// The appellant's words for decisions and appeal states.
import type { AppealStatus, MyDecision } from '../api/contract';

export const STATUS_TEXT: Record<AppealStatus, string> = {
  filed: 'Received — waiting for a reviewer',
  ineligible: 'Not accepted',
  'in-review': 'Being reviewed by a policy expert',
  escalated: 'Passed to a senior policy reviewer',
  upheld: 'Decided — the original decision stays',
  overturned: 'Decided — the original decision was reversed',
};

export function isFinal(status: AppealStatus): boolean {
  return status === 'upheld' || status === 'overturned' || status === 'ineligible';
}

const ACTION_TEXT: Record<string, string> = {
  allow: 'No action was taken on your content',
  label: 'A warning label was added to your content',
  demote: 'Your content is shown to fewer people',
  remove: 'Your content was removed',
  suspend: 'Your account was suspended',
};

/** What happened, in one plain sentence. */
export function actionText(action: string): string {
  return ACTION_TEXT[action] ?? `Action taken: ${action}`;
}

export type AppealChoice =
  | { kind: 'open'; appealId: string }
  | { kind: 'appealable'; deadline: string | null }
  | { kind: 'closed'; reason: string };

/** Whether the appellant can appeal a decision, follow an appeal, or why not. */
export function appealChoice(decision: MyDecision, now: Date = new Date()): AppealChoice {
  if (decision.appealId) return { kind: 'open', appealId: decision.appealId };
  if (!decision.appealable) return { kind: 'closed', reason: decision.notAppealableReason ?? 'This decision cannot be appealed.' };
  if (decision.appealDeadline && new Date(decision.appealDeadline).getTime() <= now.getTime()) {
    return { kind: 'closed', reason: 'The time to appeal this decision has passed.' };
  }
  return { kind: 'appealable', deadline: decision.appealDeadline };
}

/** The fields of a statement of reasons besides its summary, in reading order. */
export function statementFields(statement: Record<string, unknown> | null | undefined): { label: string; value: string }[] {
  if (!statement) return [];
  return Object.entries(statement)
    .filter(([key, value]) => key !== 'summary' && value !== null && value !== undefined && value !== '')
    .map(([key, value]) => ({
      label: key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()),
      value: Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value),
    }));
}
