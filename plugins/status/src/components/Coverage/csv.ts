/**
 * One field of a CSV row (RFC 4180): quoted when it holds a comma, a quote,
 * a line break or leading or trailing spaces, its quotes doubled; and,
 * against formula injection in spreadsheets, a leading `=`, `+`, `-`, `@`,
 * tab or carriage return kept as text behind a single quote.
 */
export function csvField(value: string | number | undefined | null): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value !== 'number')
    text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text)
    ? `"${text.replace(/"/g, '""')}"`
    : text;
}

/** Rows as CSV text: fields separated by commas, records by CRLF. */
export function toCsv(rows: (string | number | undefined | null)[][]): string {
  return `${rows.map(row => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Offers CSV text to the reader as a file download. */
export function downloadCsv(fileName: string, csv: string) {
  const url = URL.createObjectURL(
    new Blob([csv], { type: 'text/csv;charset=utf-8' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
