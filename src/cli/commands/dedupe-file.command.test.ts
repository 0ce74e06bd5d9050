import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerDedupeFile } from "./dedupe-file.command.ts";

const program = () => {
  const root = new Command("revline").exitOverride();
  registerDedupeFile(root);
  return root;
};

// 24 contacts; duplicates: 1–2 (typo, phone format), 3–4 (typo, no email), 5–6 (names
// swapped), 9–22 (other email), 18–20 (identical). `label` is a decoy column to ignore.
const FIXTURE = `id,first_name,last_name,email,phone,city,label
1,Olivia,Bennett,olivia.bennett@mail.com,+1 415 555 0101,San Francisco,a
2,Olivia,Benett,olivia.bennett@mail.com,(415) 555-0101,San Francisco,a
3,Marcus,Whitfield,m.whitfield@corp.io,+1 212 555 0199,New York,b
4,Marcus,Whitfeld,,212.555.0199,New York,b
5,Priya,Raman,priya.raman@univ.edu,+1 617 555 0123,Boston,c
6,Raman,Priya,priya.raman@univ.edu,,Boston,c
7,Diego,Alvarez,diego@alvarez.mx,+52 55 5555 0144,Mexico City,d
8,Hannah,Schmidt,hannah.schmidt@web.de,+49 30 5555 0155,Berlin,e
9,Kenji,Tanaka,kenji.tanaka@example.jp,+81 3 5555 0166,Tokyo,f
10,Amara,Okafor,amara.okafor@mail.ng,+234 1 555 0177,Lagos,g
11,Lucas,Martin,lucas.martin@mail.fr,+33 1 5555 0188,Paris,h
12,Sofia,Rossi,sofia.rossi@mail.it,+39 06 5555 0111,Rome,i
13,Liam,OConnor,liam.oconnor@mail.ie,+353 1 555 0122,Dublin,j
14,Emma,Johansson,emma.j@mail.se,+46 8 555 0133,Stockholm,k
15,Noah,Williams,noah.w@mail.com,+1 312 555 0144,Chicago,l
16,Ava,Brown,ava.brown@mail.com,+1 213 555 0155,Los Angeles,m
17,Mia,Garcia,mia.garcia@mail.es,+34 91 555 0166,Madrid,n
18,Ethan,Davis,ethan.davis@mail.com,+1 206 555 0177,Seattle,o
19,Zoe,Miller,zoe.miller@mail.com,+1 503 555 0188,Portland,p
20,Ethan,Davis,ethan.davis@mail.com,+1 206 555 0177,Seattle,o
21,Chloe,Wilson,chloe.wilson@mail.ca,+1 416 555 0199,Toronto,q
22,Kenji,Tanaka,k.tanaka@example.jp,+81 3 5555 0166,Tokyo,f
23,Isabel,Moreno,isabel.moreno@mail.ar,+54 11 5555 0111,Buenos Aires,r
24,Owen,Clarke,owen.clarke@mail.uk,+44 20 5555 0122,London,s
`;

describe("revline dedupe-file", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  async function run(args: string[]) {
    const dir = await mkdtemp(join(tmpdir(), "revline-dedupe-cli-"));
    dirs.push(dir);
    const input = join(dir, "contacts.csv");
    const output = join(dir, "pairs.csv");
    await writeFile(input, FIXTURE);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await program().parseAsync(["dedupe-file", input, "--out", output, ...args], { from: "user" });
    const lines = (await readFile(output, "utf8")).trim().split("\n");
    return { lines, lastLine: String(log.mock.calls.at(-1)?.[0]) };
  }

  it("writes left_id,right_id,probability for the duplicate pairs and a JSON summary last", async () => {
    const { lines, lastLine } = await run(["--id", "id", "--ignore", "label", "--json"]);
    const summary = JSON.parse(lastLine);
    expect(lines[0]).toBe("left_id,right_id,probability");
    const pairs = lines.slice(1).map((line) => line.split(","));
    expect(pairs.map(([l, r]) => `${l}-${r}`).sort()).toEqual(["1-2", "18-20", "3-4", "5-6", "9-22"]);
    for (const [, , p] of pairs) expect(Number(p)).toBeGreaterThanOrEqual(0.9);
    expect(summary).toMatchObject({ rows: 24, pairs: 5 });
    expect(summary.comparisons).toBeLessThan((24 * 23) / 2);
    expect(summary.fields).not.toContain("label:text");
  });

  it("takes column types from --fields", async () => {
    const { lines, lastLine } = await run([
      "--id",
      "id",
      "--fields",
      "first_name:first_name,last_name:last_name,email:email,phone:phone",
    ]);
    expect(lines.length).toBeGreaterThan(3);
    expect(lastLine).toMatch(/^Compared \d+ candidate pairs of 24 rows/);
  });

  it("rejects an unknown id column and a bad threshold with a message naming them", async () => {
    await expect(run(["--id", "nope"])).rejects.toThrow(/--id: no column "nope"/);
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    await expect(run(["--id", "id", "--threshold", "2"])).rejects.toThrow(/threshold must be a probability/);
  });
});
