// CSV as RFC 4180 writes it: every field quoted when it holds a comma, a
// quote or a line break, quotes doubled, lines ended by CRLF.

function field(value) {
  const text = Array.isArray(value) ? value.join('; ') : String(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// columns: [{header: 'citation', value: (record) => ...}].
export function toCsv(columns, records) {
  const lines = [columns.map((column) => field(column.header)).join(',')];
  for (const record of records) {
    lines.push(columns.map((column) => field(column.value(record))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
