import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestServer, type TestServer } from "../api/testing/test-server.ts";
import { upload, waitForImport } from "./testing/api-helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await openTestServer();
});
afterAll(() => s?.close());

const headers = () => s.keys.admin;
const csv = (email: string, title: string) =>
  `Record ID,First Name,Last Name,Email,Job Title,Lifecycle Stage\n301,Joan,Clarke,${email},${title},Lead\n`;
async function importCsv(content: string) {
  const res = await upload(s.app, headers(), { preset: "hubspot-contacts" }, { path: "c.csv", content });
  return waitForImport(s.app, headers(), res.body.id);
}
const find = async () =>
  (
    await s.app.inject({
      method: "GET",
      url: "/api/contacts?external_id=301&source=hubspot",
      headers: headers(),
    })
  ).json().data[0];
const provenance = async (id: string) =>
  (await s.app.inject({ method: "GET", url: `/api/provenance/contacts/${id}`, headers: headers() })).json();

it("keeps the raw source row and, per field, the source and time of its value", async () => {
  await importCsv(csv("joan@bletchley.example", "Cryptanalyst"));
  const contact = await find();
  expect(contact).not.toHaveProperty("raw");
  const p = await provenance(contact.id);
  expect(p.raw).toEqual({
    "Record ID": "301",
    "First Name": "Joan",
    "Last Name": "Clarke",
    Email: "joan@bletchley.example",
    "Job Title": "Cryptanalyst",
    "Lifecycle Stage": "Lead",
  });
  expect(p.fields.email).toMatchObject({ value: "joan@bletchley.example", source: "hubspot" });
  expect(p.fields.email.at).toBeTruthy();
});

it("an edit made in Revline outranks the import by default; the import's value stays visible as losing", async () => {
  const contact = await find();
  const patched = await s.app.inject({
    method: "PATCH",
    url: `/api/contacts/${contact.id}`,
    headers: headers(),
    payload: { version: contact.version, email: "joan.clarke@corrected.example" },
  });
  expect(patched.statusCode).toBe(200);
  let p = await provenance(contact.id);
  expect(p.fields.email).toMatchObject({
    value: "joan.clarke@corrected.example",
    source: "revline",
    losing: { hubspot: { value: "joan@bletchley.example" } },
  });

  const again = await importCsv(csv("joan@new-hubspot.example", "Senior Cryptanalyst"));
  expect(again).toMatchObject({ updated: 1 });
  const after = await find();
  expect(after.email).toBe("joan.clarke@corrected.example");
  expect(after.title).toBe("Senior Cryptanalyst");
  p = await provenance(contact.id);
  expect(p.fields.email.losing.hubspot.value).toBe("joan@new-hubspot.example");
  expect(p.fields.title).toMatchObject({ source: "hubspot", value: "Senior Cryptanalyst" });

  const same = await importCsv(csv("joan@new-hubspot.example", "Senior Cryptanalyst"));
  expect(same).toMatchObject({ updated: 0, unchanged: 1 });
});

it("a per-field priority lets the import win that field back; the Revline value becomes the losing one", async () => {
  const put = await s.app.inject({
    method: "PUT",
    url: "/api/source-priority",
    headers: headers(),
    payload: { default: ["revline"], fields: { email: ["hubspot", "revline"] } },
  });
  expect(put.statusCode).toBe(200);
  const denied = await s.app.inject({
    method: "PUT",
    url: "/api/source-priority",
    headers: s.keys.sales_ops,
    payload: {},
  });
  expect(denied.statusCode).toBe(403);
  const bad = await s.app.inject({
    method: "PUT",
    url: "/api/source-priority",
    headers: headers(),
    payload: { fields: { email: "hubspot" } },
  });
  expect(bad.statusCode).toBe(422);
  await importCsv(csv("joan@winner.example", "Senior Cryptanalyst"));
  const contact = await find();
  expect(contact.email).toBe("joan@winner.example");
  const p = await provenance(contact.id);
  expect(p.fields.email).toMatchObject({
    source: "hubspot",
    losing: { revline: { value: "joan.clarke@corrected.example" } },
  });
  expect(
    (await s.app.inject({ method: "GET", url: "/api/source-priority", headers: s.keys.viewer })).json(),
  ).toEqual({
    default: ["revline"],
    fields: { email: ["hubspot", "revline"] },
  });
});
