import { describe, expect, it } from "vitest";
import { decodeHead, isWorkbook, parseCsvPreview } from "./csv-preview.ts";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("decodeHead: the wizard's preview reads the file as the import will", () => {
  it("reads UTF-8, and Windows-1252 bytes (Excel on Windows) without replacement characters", () => {
    expect(decodeHead(utf8("Name;City\nJürgen;Köln\n"), true)).toBe("Name;City\nJürgen;Köln\n");
    const cp1252 = new Uint8Array([...utf8("Name\nM"), 0xfc, ...utf8("ller\n")]);
    expect(decodeHead(cp1252, true)).toBe("Name\nMüller\n");
  });

  it("does not take a UTF-8 character cut at the end of the 64 KB slice for Windows-1252", () => {
    const bytes = utf8("Name\nJürgen\nKöln");
    const cut = bytes.subarray(0, bytes.length - 3); // "…\nK" and the first byte of "ö"
    expect(decodeHead(cut, false)).toBe("Name\nJürgen\n");
  });

  it("reads UTF-16 with a byte-order mark, both byte orders", () => {
    const text = "Email\tName\r\na@b.example\tZoë\r\n";
    const le = new Uint8Array(2 + text.length * 2);
    const be = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le.set([c & 0xff, c >> 8], 2 + i * 2);
      be.set([c >> 8, c & 0xff], 2 + i * 2);
    }
    for (const bytes of [le, be])
      expect(parseCsvPreview(decodeHead(bytes, true))).toEqual({
        columns: ["Email", "Name"],
        rows: [["a@b.example", "Zoë"]],
      });
  });
});

describe("isWorkbook", () => {
  it("tells .xlsx (ZIP) and .xls (OLE) workbooks from text", () => {
    expect(isWorkbook(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14]))).toBe(true);
    expect(isWorkbook(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toBe(true);
    expect(isWorkbook(utf8("PK,Name\n1,Ada\n"))).toBe(false);
  });
});

describe("parseCsvPreview", () => {
  it("reads a stray quote inside a field as a character, as the import does", () => {
    expect(parseCsvPreview('id,title\n1,Monitor 27" wide\n2,"Desk, oak"\n')).toEqual({
      columns: ["id", "title"],
      rows: [
        ["1", 'Monitor 27" wide'],
        ["2", "Desk, oak"],
      ],
    });
  });
});
