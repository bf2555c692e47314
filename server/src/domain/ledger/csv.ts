/**
 * One CSV cell (RFC 4180). A text starting with =, +, -, @, tab or carriage return is prefixed with an
 * apostrophe, so a spreadsheet never runs a user agent or metadata as a formula; NDJSON is the lossless form.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (values: readonly unknown[]) => `${values.map(csvCell).join(',')}\r\n`;
