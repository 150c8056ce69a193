import { describe, expect, it } from 'vitest';
import { csvWriter, unprotectCell } from './csv-format';

async function write(records: Record<string, string | null>[]): Promise<string> {
  const writer = csvWriter(['a', 'b']);
  for (const record of records) writer.write(record);
  writer.end();
  let text = '';
  for await (const chunk of writer) text += String(chunk);
  return text;
}

describe('csvWriter', () => {
  it('writes a header and CRLF-ended records, empty cells for null', async () => {
    expect(await write([{ a: 'x', b: null }])).toBe('a,b\r\nx,\r\n');
  });

  it('quotes commas, doubles quotes and keeps line breaks inside quotes (RFC 4180)', async () => {
    expect(await write([{ a: 'one, two', b: 'say "hi"' }])).toBe(
      'a,b\r\n"one, two","say ""hi"""\r\n',
    );
    expect(await write([{ a: 'line\nbreak', b: 'cr\rhere' }])).toBe(
      'a,b\r\n"line\nbreak","cr\rhere"\r\n',
    );
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+x', "'+x"],
    ['-x', "'-x"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\uFF1DSUM(A1)', "'\uFF1DSUM(A1)"],
  ])('prefixes %j with a quote so no spreadsheet runs it', async (cell, written) => {
    expect(await write([{ a: cell, b: 'plain' }])).toBe(`a,b\r\n${written},plain\r\n`);
  });

  it('protects a formula that also needs quoting', async () => {
    expect(await write([{ a: '=HYPERLINK("x","y")', b: '' }])).toBe(
      `a,b\r\n"'=HYPERLINK(""x"",""y"")",\r\n`,
    );
  });
});

describe('unprotectCell', () => {
  it('removes the quote the export put before a formula character', () => {
    expect(unprotectCell("'-my-slug")).toBe('-my-slug');
    expect(unprotectCell("'=1+1")).toBe('=1+1');
  });

  it('keeps any other leading quote', () => {
    expect(unprotectCell("'quoted'")).toBe("'quoted'");
    expect(unprotectCell('https://example.com')).toBe('https://example.com');
  });
});
