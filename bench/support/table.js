"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.table = table;
exports.format = format;
function table(headers, rows) {
    const text = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? format(cell) : cell)));
    const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => (row[i] ?? '').length)));
    const line = (cells, numeric) => '| ' + cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ') + ' |';
    return [
        line(headers, headers.map(() => false)),
        '|' + widths.map((w, i) => (rows.some((r) => typeof r[i] === 'number') ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|',
        ...text.map((row, r) => line(row, rows[r].map((c) => typeof c === 'number'))),
    ].join('\n');
}
function format(n) {
    if (!Number.isFinite(n))
        return String(n);
    const abs = Math.abs(n);
    const digits = Number.isInteger(n) || abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
    return n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
//# sourceMappingURL=table.js.map