import { age, deadlineText, formatDuration, humanize, percent } from './format';

describe('formatting', () => {
  it('formats durations coarsely', () => {
    expect(formatDuration(45_000)).toBe('45 s');
    expect(formatDuration(5 * 60_000)).toBe('5 min');
    expect(formatDuration((2 * 60 + 5) * 60_000)).toBe('2 h 5 min');
    expect(formatDuration((3 * 24 + 4) * 3_600_000)).toBe('3 d 4 h');
    expect(formatDuration(-10)).toBe('0 s');
  });

  it('tells the age of the oldest item', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(age('2026-01-01T10:00:00Z', now)).toBe('2 h 0 min');
    expect(age(null, now)).toBe('—');
  });

  it('shows the appeal deadline with the time left', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(deadlineText('2026-01-03T00:00:00Z', now)).toContain('2 d 0 h left');
    expect(deadlineText('2025-12-01T00:00:00Z', now)).toMatch(/^The deadline passed/);
    expect(deadlineText(null, now)).toBe('No deadline');
  });

  it('formats rates and names', () => {
    expect(percent(0.1234)).toBe('12.3 %');
    expect(percent(null)).toBe('—');
    expect(humanize('scams_fraud')).toBe('Scams fraud');
    expect(humanize('in-review')).toBe('In review');
  });
});
