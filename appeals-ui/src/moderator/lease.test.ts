import { leaseCountdown } from './lease';

describe('leaseCountdown', () => {
  const now = new Date('2026-01-01T12:00:00Z');

  it('counts minutes and seconds', () => {
    expect(leaseCountdown('2026-01-01T12:14:59Z', now)).toEqual({ text: '14:59 left', state: 'ok', secondsLeft: 899 });
  });

  it('warns in the last two minutes', () => {
    expect(leaseCountdown('2026-01-01T12:01:05Z', now)).toMatchObject({ text: '1:05 left', state: 'warning' });
  });

  it('says when the lease is gone', () => {
    expect(leaseCountdown('2026-01-01T11:59:00Z', now)).toMatchObject({ text: 'Lease expired', state: 'expired' });
    expect(leaseCountdown(null, now).state).toBe('expired');
  });
});
