/**
 * CSV for the Insights tables (RFC 4180: comma separated, CRLF, fields quoted when they hold a
 * comma, quote or line break, quotes doubled). Text cells that a spreadsheet would read as a
 * formula (starting with = + - @, or a tab or carriage return) get a leading apostrophe:
 * product names and member names come from shoppers and shops, and must not run as formulas
 * when the owner opens the file (CSV injection).
 */

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One cell as CSV text. Numbers are written as numbers (a negative number is not a formula). */
export function csvCell(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A whole table: a header row, then the rows. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name without characters that file systems or download prompts trip over. */
export function csvFileName(...parts: string[]): string {
  const slug = parts
    .filter(Boolean)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'insights'}.csv`;
}

/** How a CSV leaves the browser; the view takes another one in tests. */
export type CsvDownload = (fileName: string, csv: string) => void;

/**
 * Saves the CSV through a Blob URL and a temporary link (no data: URL, nothing inline for the
 * CSP to refuse). The byte order mark makes spreadsheet programs read accents as UTF-8.
 */
export const downloadCsv: CsvDownload = (fileName, csv) => {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download may still be reading the Blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
