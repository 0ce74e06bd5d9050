import { describe, expect, it } from "vitest";
import type { ObjectMeta } from "../meta.types.ts";
import { parseCsvPreview } from "./csv-preview.ts";
import { guessTargets, mappingOf, targetOptions } from "./generic-mapping.ts";

const contacts = {
  key: "contacts",
  path: "contacts",
  label: "Contacts",
  fields: [
    { name: "first_name", kind: "text", required: false, readOnly: false, immutable: false },
    { name: "email", kind: "email", required: false, readOnly: false, immutable: false },
    { name: "account_id", kind: "ref", ref: "accounts", required: false, readOnly: false, immutable: false },
    { name: "score", kind: "integer", required: false, readOnly: true, immutable: false },
    { name: "custom", kind: "json", required: false, readOnly: false, immutable: false },
  ],
} as unknown as ObjectMeta;

describe("generic column mapping", () => {
  it("offers the key, writable fields, references by key or id, and custom fields", () => {
    expect(targetOptions(contacts).map((o) => o.value)).toEqual([
      "",
      "external_id",
      "id",
      "first_name",
      "email",
      "account_external_id",
      "account_id",
      "custom",
    ]);
  });

  it("guesses targets from column names and skips the rest", () => {
    expect(
      guessTargets(["External ID", "First name", "E-mail", "Account", "Score", "Notes"], contacts),
    ).toEqual({
      "External ID": "external_id",
      "First name": "first_name",
      "E-mail": "",
      Account: "account_external_id",
      Score: "",
      Notes: "",
    });
  });

  it("sends only the imported columns, custom fields named after the column", () => {
    expect(
      mappingOf("contacts", " legacy ", {
        ID: "external_id",
        Mail: "email",
        Notes: "",
        "Signed up": "custom",
      }),
    ).toEqual({
      object: "contacts",
      source: "legacy",
      columns: { ID: "external_id", Mail: "email", "Signed up": "custom.signed_up" },
    });
  });
});

describe("CSV preview", () => {
  it("reads the header and first rows with quotes, CRLF and a BOM", () => {
    const text = '\uFEFFid;name;title\r\n1;Ada;"Head of ""Ops""; EMEA"\r\n2;Grace;CTO\r\n3;Alan;';
    expect(parseCsvPreview(text, 5)).toEqual({
      columns: ["id", "name", "title"],
      rows: [
        ["1", "Ada", 'Head of "Ops"; EMEA'],
        ["2", "Grace", "CTO"],
        ["3", "Alan", ""],
      ],
    });
    expect(parseCsvPreview(text, 1).rows).toEqual([["1", "Ada", 'Head of "Ops"; EMEA']]);
  });
});
