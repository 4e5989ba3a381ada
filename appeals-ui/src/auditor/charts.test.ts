import { bars, byDay, seriesKeys } from './charts';

describe('chart series', () => {
  const rows = [
    { at: '2026-01-01T10:00:00Z', actor: 'AUTOMATED' },
    { at: '2026-01-01T11:00:00Z', actor: 'HUMAN' },
    { at: '2026-01-03T09:00:00Z', actor: 'AUTOMATED' },
  ];

  it('buckets by day without gaps', () => {
    const points = byDay(rows, (r) => r.at, (r) => r.actor);
    expect(points.map((p) => p.day)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
    expect(points[0]).toEqual({ day: '2026-01-01', counts: { AUTOMATED: 1, HUMAN: 1 }, total: 2 });
    expect(points[1].total).toBe(0);
    expect(seriesKeys(points)).toEqual(['AUTOMATED', 'HUMAN']);
  });

  it('is empty without rows', () => {
    expect(byDay([], () => '', () => '')).toEqual([]);
  });

  it('sorts bars by size', () => {
    expect(bars({ spam: 2, hate_speech: 5, none: 2 })).toEqual([
      { key: 'hate_speech', value: 5 },
      { key: 'none', value: 2 },
      { key: 'spam', value: 2 },
    ]);
    expect(bars(null)).toEqual([]);
  });
});
