import { splitHighlights } from './highlight';

describe('splitHighlights', () => {
  it('cuts the text at the spans', () => {
    expect(splitHighlights('you are a f*cking idiot', [{ start: 10, end: 17, label: 'coded' }])).toEqual([
      { text: 'you are a ', label: null },
      { text: 'f*cking', label: 'coded' },
      { text: ' idiot', label: null },
    ]);
  });

  it('handles spans at the edges, overlaps and nonsense', () => {
    const text = 'abcdef';
    const segments = splitHighlights(text, [
      { start: 0, end: 2, label: 'x' },
      { start: 1, end: 4, label: 'y' },
      { start: 5, end: 99, label: 'z' },
      { start: 3, end: 3, label: 'empty' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments).toEqual([
      { text: 'ab', label: 'x' },
      { text: 'cd', label: 'y' },
      { text: 'e', label: null },
      { text: 'f', label: 'z' },
    ]);
  });

  it('gives the whole text when nothing matched', () => {
    expect(splitHighlights('hello', [])).toEqual([{ text: 'hello', label: null }]);
    expect(splitHighlights('', [])).toEqual([{ text: '', label: null }]);
  });
});
