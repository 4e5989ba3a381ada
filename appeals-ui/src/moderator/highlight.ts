// Splitting a text part into plain and highlighted segments, for the matched spans of classifiers.
import type { Highlight } from '../api/contract';

export interface Segment {
  text: string;
  label: string | null;
}

/**
 * The text cut at the highlights of one part: overlapping or out-of-range spans are clipped, so the
 * segments always join back to the original text.
 */
export function splitHighlights(text: string, highlights: readonly Pick<Highlight, 'start' | 'end' | 'label'>[]): Segment[] {
  const spans = highlights
    .map((h) => ({ start: Math.max(0, Math.min(h.start, text.length)), end: Math.max(0, Math.min(h.end, text.length)), label: h.label }))
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let at = 0;
  for (const span of spans) {
    const start = Math.max(span.start, at);
    if (span.end <= start) continue;
    if (start > at) segments.push({ text: text.slice(at, start), label: null });
    segments.push({ text: text.slice(start, span.end), label: span.label });
    at = span.end;
  }
  if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at), label: null });
  return segments;
}
