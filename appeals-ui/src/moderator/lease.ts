// The lease countdown a moderator sees while holding an item.

export type LeaseState = 'ok' | 'warning' | 'expired';

export interface LeaseCountdown {
  text: string;
  state: LeaseState;
  secondsLeft: number;
}

/** "14:59 left", amber under two minutes, "Lease expired" at zero. */
export function leaseCountdown(expiresAt: string | null | undefined, now: Date = new Date()): LeaseCountdown {
  if (!expiresAt) return { text: 'No lease', state: 'expired', secondsLeft: 0 };
  const secondsLeft = Math.floor((new Date(expiresAt).getTime() - now.getTime()) / 1000);
  if (secondsLeft <= 0) return { text: 'Lease expired', state: 'expired', secondsLeft: 0 };
  const minutes = Math.floor(secondsLeft / 60);
  const seconds = secondsLeft % 60;
  return {
    text: `${minutes}:${String(seconds).padStart(2, '0')} left`,
    state: secondsLeft < 120 ? 'warning' : 'ok',
    secondsLeft,
  };
}
