// The moderator's keyboard: one key per command, shown on screen, ignored while typing in a field.
import type { ReasonCodeOption } from '../api/contract';

export type Command =
  | { kind: 'allow' }
  | { kind: 'remove' }
  | { kind: 'decide' }
  | { kind: 'escalate' }
  | { kind: 'release' }
  | { kind: 'next' }
  | { kind: 'filter' }
  | { kind: 'select'; index: number };

export const SHORTCUTS: { key: string; label: string }[] = [
  { key: 'a', label: 'Allow (no violation)' },
  { key: 'r', label: 'Remove with the chosen reason' },
  { key: 'd', label: 'Decide with the chosen reason' },
  { key: 'e', label: 'Escalate to a senior' },
  { key: 'l', label: 'Release back to the queue' },
  { key: 'n', label: 'Next case' },
  { key: '1–9', label: 'Choose a reason code' },
  { key: '/', label: 'Filter reason codes (Enter chooses the first)' },
];

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  targetTag?: string;
  targetEditable?: boolean;
}

/** The command a key press means, or null (modifier held, or the key was typed into a form field). */
export function commandFor(input: KeyInput): Command | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  const tag = (input.targetTag ?? '').toUpperCase();
  if (input.targetEditable || tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return null;
  const key = input.key.toLowerCase();
  switch (key) {
    case 'a':
      return { kind: 'allow' };
    case 'r':
      return { kind: 'remove' };
    case 'd':
      return { kind: 'decide' };
    case 'e':
      return { kind: 'escalate' };
    case 'l':
      return { kind: 'release' };
    case 'n':
      return { kind: 'next' };
    case '/':
      return { kind: 'filter' };
    default:
      if (/^[1-9]$/.test(key)) return { kind: 'select', index: Number(key) - 1 };
      return null;
  }
}

/** The reason code an allow decision uses. */
export function allowReason(codes: readonly ReasonCodeOption[]): ReasonCodeOption | undefined {
  return codes.find((c) => c.code === 'NO-VIOLATION') ?? codes.find((c) => c.action === 'allow');
}

/**
 * The reason a "remove" press uses: the chosen one when it removes, otherwise the suggested one when it
 * removes, otherwise none (the moderator must choose).
 */
export function removeReason(
  codes: readonly ReasonCodeOption[],
  chosen: string | null,
  suggested: string | null | undefined,
): ReasonCodeOption | undefined {
  const removing = (code: string | null | undefined) => codes.find((c) => c.code === code && c.action === 'remove');
  return removing(chosen) ?? removing(suggested);
}

/** The reason codes matching a filter (code, category or title, any case); all of them for an empty filter. */
export function filterReasons(codes: readonly ReasonCodeOption[], filter: string): ReasonCodeOption[] {
  const needle = filter.trim().toLowerCase();
  if (!needle) return [...codes];
  return codes.filter((c) => [c.code, c.category, c.title ?? '', c.action].some((t) => t.toLowerCase().includes(needle)));
}
