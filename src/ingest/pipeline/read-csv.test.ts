import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { detectDelimiter, readCsvHeader, readCsvRows, splitCsvLine } from "./read-csv.ts";

const dir = mkdtempSync(join(tmpdir(), "read-csv-"));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, content);
  return path;
}
async function readAll(path: string, options: Parameters<typeof readCsvRows>[1] = {}) {
  const rows: string[][] = [];
  const ends: number[] = [];
  const numbers: number[] = [];
  for await (const chunk of readCsvRows(path, options)) {
    rows.push(...chunk.rows);
    ends.push(...chunk.ends);
    numbers.push(...chunk.numbers);
  }
  return { rows, ends, numbers };
}

describe("splitCsvLine", () => {
  it("reads RFC 4180 fields: quotes, doubled quotes, delimiters inside quotes, empty cells", () => {
    expect(splitCsvLine('a,"b,c","say ""hi""",,e,')).toEqual(["a", "b,c", 'say "hi"', "", "e", ""]);
    expect(splitCsvLine("x;y", ";")).toEqual(["x", "y"]);
    expect(splitCsvLine('""')).toEqual([""]);
  });
  it("detects the delimiter from the header", () => {
    expect(detectDelimiter("a;b;c")).toBe(";");
    expect(detectDelimiter('"a,b";c')).toBe(";");
    expect(detectDelimiter("a\tb")).toBe("\t");
    expect(detectDelimiter("a,b")).toBe(",");
  });
});

describe("readCsvRows", () => {
  it("agrees with csv-parse on random files with quotes, newlines in fields, CRLF and unicode", async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ["a", "Z", "é", "日本", " ", ",", '"', "\n", "\r\n", "1", "😀", ";"];
    for (let round = 0; round < 30; round++) {
      const rows: string[][] = [];
      for (let r = 0; r < 50; r++) {
        const row: string[] = [];
        for (let c = 0; c < 4; c++) {
          let cell = "";
          const len = Math.floor(random() * 6);
          for (let i = 0; i < len; i++) cell += alphabet[Math.floor(random() * alphabet.length)];
          row.push(cell);
        }
        if (row.join("") !== "") rows.push(row);
      }
      const eol = round % 2 ? "\r\n" : "\n";
      const text =
        rows
          .map((row) =>
            row
              .map((v) => (/[",\r\n]/.test(v) || v.trim() !== v ? `"${v.replaceAll('"', '""')}"` : v))
              .join(","),
          )
          .join(eol) + eol;
      const path = file(text);
      const expected = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
      const got = await readAll(path, { highWaterMark: 17 + round });
      expect(got.rows).toEqual(expected);
      expect(got.numbers).toEqual(expected.map((_, i) => i + 1));
      expect(got.ends.at(-1)).toBe(Buffer.byteLength(text));
    }
  });

  it("gives exact byte offsets, so reading from one resumes at the next row", async () => {
    const text = 'h1,h2\n1,"x\ny"\n2,é\n\n3,z';
    const path = file(text);
    const header = await readCsvHeader(path);
    expect(header).toEqual({ columns: ["h1", "h2"], dataStart: 6, delimiter: ",", encoding: "utf-8" });
    const all = await readAll(path, { start: header.dataStart });
    expect(all.rows).toEqual([
      ["1", "x\ny"],
      ["2", "é"],
      ["3", "z"],
    ]);
    const rest = await readAll(path, { start: all.ends[0], firstRow: 2 });
    expect(rest.rows).toEqual([
      ["2", "é"],
      ["3", "z"],
    ]);
    expect(rest.numbers).toEqual([2, 3]);
  });

  it("skips a UTF-8 byte-order mark in the header", async () => {
    const path = file(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Email;Name\r\na@b.c;A\r\n")]),
    );
    const header = await readCsvHeader(path);
    expect(header.columns).toEqual(["Email", "Name"]);
    expect((await readAll(path, { start: header.dataStart, delimiter: header.delimiter })).rows).toEqual([
      ["a@b.c", "A"],
    ]);
  });

  it("reads a Windows-1252 export (Excel on Windows, Salesforce's ISO-8859-1) without mangling its accents", async () => {
    // "Müller", "Café – “Zürich”", "5 €" in Windows-1252 bytes, among UTF-8 rows of the same file.
    const cp1252 = Buffer.from([
      ...Buffer.from("Name,City\r\nM"),
      0xfc,
      ...Buffer.from("ller,Caf"),
      0xe9,
      0x20,
      0x96,
      0x20,
      0x93,
      ...Buffer.from("Z"),
      0xfc,
      ...Buffer.from("rich"),
      0x94,
      ...Buffer.from("\r\n5 "),
      0x80,
      ...Buffer.from(",x\r\n"),
    ]);
    const path = file(Buffer.concat([cp1252, Buffer.from("Jürgen,Köln\r\n")]));
    const header = await readCsvHeader(path);
    expect([header.columns, header.encoding]).toEqual([["Name", "City"], "windows-1252"]);
    for (const highWaterMark of [7, 1 << 20]) {
      const got = await readAll(path, { start: header.dataStart, highWaterMark });
      expect(got.rows).toEqual([
        ["Müller", "Café – “Zürich”"],
        ["5 €", "x"],
        ["Jürgen", "Köln"],
      ]);
      expect(got.ends.at(-1)).toBe(cp1252.length + Buffer.byteLength("Jürgen,Köln\r\n"));
    }
  });

  it("reads UTF-16 files with a byte-order mark (Excel's Unicode text), both byte orders, with exact offsets", async () => {
    const text = 'Email\tName\r\nada@example.com\t"Ada\nLovelace"\r\n\r\ngrace@example.com\tGrâce 😀\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
    for (const [encoding, bytes] of [
      ["utf-16le", le],
      ["utf-16be", be],
    ] as const) {
      const path = file(bytes);
      const header = await readCsvHeader(path);
      expect(header).toEqual({
        columns: ["Email", "Name"],
        dataStart: 2 + 2 * "Email\tName\r\n".length,
        delimiter: "\t",
        encoding,
      });
      // An odd chunk size splits code units and the emoji's surrogate pair between chunks.
      const options = { start: header.dataStart, delimiter: "\t", encoding, highWaterMark: 9 };
      const all = await readAll(path, options);
      expect(all.rows).toEqual([
        ["ada@example.com", "Ada\nLovelace"],
        ["grace@example.com", "Grâce 😀"],
      ]);
      expect(all.ends.at(-1)).toBe(bytes.length);
      const rest = await readAll(path, { ...options, start: all.ends[0], firstRow: 2 });
      expect(rest.rows).toEqual([["grace@example.com", "Grâce 😀"]]);
    }
  });

  it("reads a stray quote inside an unquoted field as a character, as csv-parse's relax_quotes does", async () => {
    // One inch mark must not join the rows after it into one (or fail the whole file).
    const text = `id,title,note\n1,Monitor 27" wide,ok\n2,"Desk, oak",5'11"\n3,plain,"quoted ""x"""\n4,last,x`;
    const path = file(text);
    const expected = parse(text, { relax_quotes: true }) as string[][];
    for (const highWaterMark of [5, 64]) {
      const got = await readAll(path, { highWaterMark });
      expect(got.rows).toEqual(expected);
      expect(got.rows.map((r) => r[0])).toEqual(["id", "1", "2", "3", "4"]);
      expect(got.ends.at(-1)).toBe(Buffer.byteLength(text));
    }
    const header = await readCsvHeader(file('name,size"\n1,2\n'));
    expect(header).toMatchObject({ columns: ["name", 'size"'], dataStart: 11 });
  });

  it("refuses a quoted field that never closes", async () => {
    await expect(readAll(file('a,b\n1,"open\n2,3'))).rejects.toThrow("never closed");
  });
});
