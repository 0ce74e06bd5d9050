/**
 * A block copied from a spreadsheet: rows separated by newlines, cells by tabs. Cells holding
 * tabs, newlines or quotes come quoted ("a ""b"""), as Excel, Numbers and Google Sheets write them.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  const input = text.replace(/\r\n?/g, "\n");
  while (i < input.length) {
    const c = input[i];
    if (c === '"' && cell === "") {
      // A quoted cell: runs to the closing quote; "" is a quote inside it.
      let j = i + 1;
      let quoted = "";
      while (j < input.length) {
        if (input[j] === '"' && input[j + 1] === '"') {
          quoted += '"';
          j += 2;
        } else if (input[j] === '"') {
          break;
        } else {
          quoted += input[j++];
        }
      }
      if (j < input.length && (j + 1 === input.length || input[j + 1] === "\t" || input[j + 1] === "\n")) {
        cell = quoted;
        i = j + 1;
        continue;
      }
      // Not a well-formed quoted cell: take the quote as text.
    }
    if (c === "\t") {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else {
      cell += c;
    }
    i++;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function quote(cell: string): string {
  return /[\t\n"]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

export function toTsv(rows: string[][]): string {
  return rows.map((row) => row.map(quote).join("\t")).join("\n");
}
