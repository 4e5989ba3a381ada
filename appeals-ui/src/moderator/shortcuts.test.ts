import { allowReason, commandFor, filterReasons, removeReason } from './shortcuts';
import type { ReasonCodeOption } from '../api/contract';

const codes: ReasonCodeOption[] = [
  { code: 'NO-VIOLATION', category: 'none', action: 'allow', title: 'No violation' },
  { code: 'SPAM-01', category: 'spam', action: 'remove', title: 'Spam' },
  { code: 'SPAM-02', category: 'spam', action: 'demote', title: 'Spam, demoted' },
];

describe('moderator shortcuts', () => {
  it('maps keys to commands', () => {
    expect(commandFor({ key: 'a' })).toEqual({ kind: 'allow' });
    expect(commandFor({ key: 'R' })).toEqual({ kind: 'remove' });
    expect(commandFor({ key: 'e' })).toEqual({ kind: 'escalate' });
    expect(commandFor({ key: 'l' })).toEqual({ kind: 'release' });
    expect(commandFor({ key: 'n' })).toEqual({ kind: 'next' });
    expect(commandFor({ key: '3' })).toEqual({ kind: 'select', index: 2 });
    expect(commandFor({ key: '/' })).toEqual({ kind: 'filter' });
    expect(commandFor({ key: 'x' })).toBeNull();
    expect(commandFor({ key: '0' })).toBeNull();
  });

  it('ignores typing in fields and modified keys', () => {
    expect(commandFor({ key: 'a', targetTag: 'textarea' })).toBeNull();
    expect(commandFor({ key: 'a', targetTag: 'INPUT' })).toBeNull();
    expect(commandFor({ key: 'a', targetEditable: true })).toBeNull();
    expect(commandFor({ key: 'r', ctrlKey: true })).toBeNull();
  });

  it('chooses the reason for allow and remove', () => {
    expect(allowReason(codes)?.code).toBe('NO-VIOLATION');
    expect(removeReason(codes, 'SPAM-01', null)?.code).toBe('SPAM-01');
    expect(removeReason(codes, 'SPAM-02', 'SPAM-01')?.code).toBe('SPAM-01');
    expect(removeReason(codes, null, 'NO-VIOLATION')).toBeUndefined();
  });

  it('filters reason codes by code, category or title', () => {
    expect(filterReasons(codes, 'spam').map((c) => c.code)).toEqual(['SPAM-01', 'SPAM-02']);
    expect(filterReasons(codes, 'spam-01').map((c) => c.code)).toEqual(['SPAM-01']);
    expect(filterReasons(codes, ' ')).toHaveLength(3);
  });
});
