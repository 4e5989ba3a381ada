import { buildCsv, csvCell } from './csv';

describe('CSV export', () => {
  it('quotes what needs quoting', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell({ spam: 1 })).toBe('"{""spam"":1}"');
  });

  it('defuses spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('-1')).toBe("'-1");
  });

  it('writes a header and one line per row', () => {
    const csv = buildCsv(
      [
        { id: '1', action: 'remove' },
        { id: '2', action: 'allow' },
      ],
      [
        { header: 'id', value: (r) => r.id },
        { header: 'action', value: (r) => r.action },
      ],
    );
    expect(csv).toBe('id,action\r\n1,remove\r\n2,allow\r\n');
  });
});
