import { csvField, csvLines } from './csv';

describe('csvField', () => {
  it('leaves plain text and numbers as they are, and empties nothing', () => {
    expect(csvField('civil-money-claims')).toBe('civil-money-claims');
    expect(csvField(87)).toBe('87');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('quotes a quote, a comma or a line break', () => {
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
  });

  it.each(['=HYPERLINK("http://x")', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx'])(
    'defuses %j so a spreadsheet shows it as text',
    text => {
      expect(csvField(text).replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );
});

describe('csvLines', () => {
  it('writes one line per row', () => {
    expect(
      csvLines([
        ['entity', 'score'],
        ['=cmd', 5],
      ]),
    ).toBe("entity,score\n'=cmd,5\n");
    expect(csvLines([['a'], ['b']], '\r\n')).toBe('a\r\nb\r\n');
  });
});
