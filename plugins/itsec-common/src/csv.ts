/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line
 * break. Text that a spreadsheet would run as a formula (starting with `=`,
 * `+`, `-`, `@`, tab or carriage return) is defused with a leading `'`, since
 * exported values come from catalog-info.yaml files that teams write.
 *
 * @public
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/**
 * Rows of fields as CSV text, one line per row, each line ended by `eol`
 * (`\r\n` is RFC 4180's, `\n` what command-line tools expect).
 *
 * @public
 */
export function csvLines(
  rows: Iterable<readonly unknown[]>,
  eol: '\n' | '\r\n' = '\n',
): string {
  let out = '';
  for (const row of rows) out += `${row.map(csvField).join(',')}${eol}`;
  return out;
}
