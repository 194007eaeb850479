export type Cell = string | number;

/** A plain-text table: numbers right-aligned, the rest left-aligned. */
export function table(headers: string[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? format(cell) : cell)));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[], numeric: boolean[]) =>
    '| ' + cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ') + ' |';
  return [
    line(headers, headers.map(() => false)),
    '|' + widths.map((w, i) => (rows.some((r) => typeof r[i] === 'number') ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|',
    ...text.map((row, r) => line(row, rows[r].map((c) => typeof c === 'number'))),
  ].join('\n');
}

/** Three significant figures at most, thousands separated: 1,234 · 56.7 · 0.891. */
export function format(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const digits = Number.isInteger(n) || abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
