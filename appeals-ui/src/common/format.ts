// Dates and durations as people read them.

/** "3 d 4 h", "2 h 5 min", "45 s" for a duration in milliseconds (negative counts as zero). */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min`;
  return `${seconds} s`;
}

/** How long ago something happened, for "oldest item waits 2 h 5 min". */
export function age(since: string | null | undefined, now: Date = new Date()): string {
  if (!since) return '—';
  return formatDuration(now.getTime() - new Date(since).getTime());
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

/** A fraction 0..1 as a percentage with one decimal, or a dash. */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${(value * 100).toFixed(1)} %`;
}

/** The appeal deadline as the appellant reads it: the date and how long is left. */
export function deadlineText(deadline: string | null | undefined, now: Date = new Date()): string {
  if (!deadline) return 'No deadline';
  const left = new Date(deadline).getTime() - now.getTime();
  if (left <= 0) return `The deadline passed on ${formatDate(deadline)}`;
  return `Appeal by ${formatDate(deadline)} (${formatDuration(left)} left)`;
}

/** "spam_fraud" and "in-review" as "Spam fraud" and "In review". */
export function humanize(value: string | null | undefined): string {
  if (!value) return '—';
  const text = value.replace(/[_-]+/g, ' ').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
