// Series for the auditor's charts: decisions per day, split by a key (category, action, automated vs human).

export interface Point {
  day: string;
  counts: Record<string, number>;
  total: number;
}

/** Day buckets (UTC, yyyy-mm-dd) from the first to the last record, without gaps. */
export function byDay<T>(rows: readonly T[], at: (row: T) => string, key: (row: T) => string): Point[] {
  if (rows.length === 0) return [];
  const buckets = new Map<string, Record<string, number>>();
  let first = Infinity;
  let last = -Infinity;
  rows.forEach((row) => {
    const time = new Date(at(row)).getTime();
    if (Number.isNaN(time)) return;
    first = Math.min(first, time);
    last = Math.max(last, time);
    const day = new Date(time).toISOString().slice(0, 10);
    const counts = buckets.get(day) ?? {};
    const k = key(row) || 'unknown';
    counts[k] = (counts[k] ?? 0) + 1;
    buckets.set(day, counts);
  });
  if (first === Infinity) return [];
  const points: Point[] = [];
  for (let t = Date.parse(new Date(first).toISOString().slice(0, 10)); t <= last; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    const counts = buckets.get(day) ?? {};
    points.push({ day, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) });
  }
  return points;
}

/** Every key of the series, largest total first. */
export function seriesKeys(points: readonly Point[]): string[] {
  const totals = new Map<string, number>();
  points.forEach((p) => Object.entries(p.counts).forEach(([k, v]) => totals.set(k, (totals.get(k) ?? 0) + v)));
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
}

/** Entries of an aggregation map, largest first, as bars. */
export function bars(counts: Record<string, number> | null | undefined): { key: string; value: number }[] {
  return Object.entries(counts ?? {})
    .map(([key, value]) => ({ key, value }))
    .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
}

/** A colour-blind-safe palette (Okabe–Ito), cycled. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
