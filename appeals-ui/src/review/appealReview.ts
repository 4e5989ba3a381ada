// What a policy expert may conclude about an appeal, and what the form must carry.
import type { AppealOutcome } from '../api/contract';

export const OUTCOMES: { value: AppealOutcome; label: string; help: string }[] = [
  { value: 'upheld', label: 'Uphold', help: 'The original decision was right and stays.' },
  { value: 'overturned', label: 'Overturn', help: 'The original decision was wrong; enforcement is reversed.' },
  { value: 'escalate', label: 'Escalate', help: 'A senior policy reviewer should decide.' },
];

export interface AppealDecisionForm {
  outcome: AppealOutcome | null;
  reasonCode: string;
  explanation: string;
}

/** The problems that keep the form from being sent; empty when it can go. */
export function appealFormProblems(form: AppealDecisionForm): string[] {
  const problems: string[] = [];
  if (!form.outcome) problems.push('Choose an outcome.');
  if (form.outcome === 'overturned' && !form.reasonCode) problems.push('Choose the reason code that applies now.');
  if (form.explanation.trim().length < 10) problems.push('Explain the outcome to the appellant (at least 10 characters).');
  return problems;
}
