/**
 * Tab-separated text as spreadsheets put it on the clipboard (Excel, Google Sheets, Numbers):
 * cells split by tabs, rows by line breaks, and a cell holding a tab, a line break or a quote
 * written in double quotes with its quotes doubled. Copy writes it, paste reads it.
 */

/** Rows of cell texts as clipboard TSV (CRLF between rows, as Excel writes). */
export function toTsv(rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => (/[\t\r\n"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return rows.map((row) => row.map(cell).join('\t')).join('\r\n');
}

/**
 * Clipboard TSV as rows of cell texts. A cell starting with `"` is quoted (it may hold tabs
 * and line breaks; `""` is one quote). One trailing line break, which spreadsheets add after
 * the last row, is not an empty row.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.endsWith('\r\n') ? text.length - 2 : text.endsWith('\n') ? text.length - 1 : text.length;
  while (i <= n) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      while (i < n) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i++];
      }
    }
    while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
    row.push(cell);
    if (text[i] === '\t') {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
  }
  return rows;
}
