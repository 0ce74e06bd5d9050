import { seededRandom } from "../../model/seeded-random.ts";

// Synthetic CRM contacts with known duplicates, for benchmarks and tests. Names are common
// English-language given names and surnames, padded with made-up surnames for a long tail.
const FIRST =
  `james mary robert patricia john jennifer michael linda david elizabeth william barbara richard susan
joseph jessica thomas sarah charles karen christopher lisa daniel nancy matthew betty anthony sandra mark margaret
donald ashley steven kimberly andrew emily paul donna joshua michelle kenneth carol kevin amanda brian melissa
george deborah timothy stephanie ronald rebecca jason sharon edward laura jeffrey cynthia ryan dorothy jacob amy
gary kathleen nicholas angela eric shirley jonathan brenda stephen emma larry anna justin pamela scott nicole
brandon samantha benjamin katherine samuel christine gregory helen alexander debra patrick rachel frank carolyn
raymond janet jack maria dennis olivia jerry heather tyler catherine aaron diane jose julie adam victoria nathan
joyce henry lauren zachary kelly douglas christina peter ruth kyle joan noah virginia ethan judith jeremy evelyn
christian hannah walter andrea keith megan austin cheryl roger jacqueline terry martha sean madison gerald teresa
carl doris dylan abigail harold sophia jordan frances jesse kathryn bryan janice lawrence jean arthur alice
gabriel judy bruce isabella logan julia billy grace joe amber alan denise juan danielle elijah marilyn willie
beverly albert charlotte wayne natalie randy theresa mason diana vincent brittany liam doris roy kayla bobby alexis
caleb lori bradley marie russell tiffany lucas hailey`.split(/\s+/);

const LAST =
  `smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez
wilson anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis
robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera
campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart morris
morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim cox ward
richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel
myers long ross foster jimenez powell jenkins perry russell sullivan bell coleman butler henderson barnes gonzales
fisher vasquez simmons romero jordan patterson alexander hamilton graham reynolds griffin wallace moreno west cole
hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford castro marshall owens harrison fernandez
mcdonald woods washington kennedy wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson
porter hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black robertson
boyd rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson nichols stephens soto weaver
ryan gardner payne grant dunn kelley spencer hawkins arnold pierce vazquez hansen peters santos hart bradley knight
elliott cunningham duncan armstrong hudson carroll lane riley andrews alvarado ray delgado berry perkins hoffman
johnston matthews pena richards willis carpenter lawrence sandoval`.split(/\s+/);

const SYLLABLES =
  `ka ren to mi sa lo ver an del mar tin ber gen ol fa ri cor nel vel dan wick ston ham ley ford
bur ton mont ash wor thy brook field lan cas ter row en bel har dy pen roth kin sol vik`.split(/\s+/);
const COMPANY_WORDS = [
  "systems",
  "labs",
  "partners",
  "group",
  "logistics",
  "foods",
  "health",
  "capital",
  "media",
  "works",
];
const LEGAL = ["Inc", "Inc.", "LLC", "Ltd", "Corp", "GmbH", ""];
const MAIL = [
  "gmail.com",
  "yahoo.com",
  "outlook.com",
  "hotmail.com",
  "icloud.com",
  "proton.me",
  "aol.com",
  "gmx.com",
];

export const SYNTHETIC_HEADER = [
  "contact_id",
  "first_name",
  "last_name",
  "email",
  "phone",
  "company",
  "city",
  "postcode",
  "entity",
];

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)];
// Skewed towards the start of the list, as real name frequencies are.
const pickSkewed = <T>(random: Random, list: readonly T[]): T =>
  list[Math.floor(random() * random() * list.length)];
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const digits = (random: Random, count: number): string =>
  Array.from({ length: count }, () => Math.floor(random() * 10)).join("");

function made(random: Random, parts: number): string {
  return Array.from({ length: parts }, () => pick(random, SYLLABLES)).join("");
}

/** One keyboard slip: a substituted, dropped, doubled or swapped letter. */
export function typo(random: Random, value: string): string {
  if (value.length < 3) return value;
  const at = 1 + Math.floor(random() * (value.length - 2));
  const letter = String.fromCharCode(97 + Math.floor(random() * 26));
  switch (Math.floor(random() * 4)) {
    case 0:
      return value.slice(0, at) + letter + value.slice(at + 1);
    case 1:
      return value.slice(0, at) + value.slice(at + 1);
    case 2:
      return value.slice(0, at) + value[at] + value.slice(at);
    default:
      return value.slice(0, at - 1) + value[at] + value[at - 1] + value.slice(at + 1);
  }
}

function formatPhone(random: Random, d: string): string {
  switch (Math.floor(random() * 5)) {
    case 0:
      return `+1 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
    case 1:
      return `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`;
    case 2:
      return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6)}`;
    case 3:
      return `+1${d}`;
    default:
      return d;
  }
}

interface Person {
  first: string;
  last: string;
  local: string;
  domain: string;
  phone: string;
  company: string;
  companyDomain: string;
  city: number;
  postcode: string;
}

function person(
  random: Random,
  lastNames: readonly string[],
  companies: readonly string[],
  usedEmails: Set<string>,
): Person {
  const first = pickSkewed(random, FIRST);
  // The 300 commonest surnames cover about a third of people; the rest is a long tail.
  const last = random() < 0.35 ? pickSkewed(random, LAST) : pick(random, lastNames);
  const company = pick(random, companies);
  const companyDomain = `${company.split(" ")[0].toLowerCase()}.com`;
  const style = Math.floor(random() * 4);
  const base = [
    `${first}.${last}`,
    `${first[0]}${last}`,
    `${first}${last}${digits(random, 2)}`,
    `${first}_${last}`,
  ][style];
  const domain = random() < 0.5 ? pick(random, MAIL) : companyDomain;
  // An address belongs to one person: a taken one gets a number, as mail providers insist.
  let local = base;
  for (let n = 2; usedEmails.has(`${local}@${domain}`); n++) local = `${base}${n}`;
  usedEmails.add(`${local}@${domain}`);
  const city = Math.floor(random() * 400);
  return {
    first,
    last,
    local,
    domain,
    phone: digits(random, 10),
    company,
    companyDomain,
    city,
    postcode: String(10_000 + city * 200 + Math.floor(random() * 20) * 7).padStart(5, "0"),
  };
}

function record(random: Random, p: Person, cities: readonly string[], duplicate: boolean): string[] {
  const maybe = (chance: number): boolean => duplicate && random() < chance;
  let first = capital(p.first);
  let last = capital(p.last);
  if (maybe(0.15)) first = typo(random, first);
  if (maybe(0.15)) last = typo(random, last);
  if (maybe(0.03)) [first, last] = [last, first];
  if (maybe(0.05)) first = "";
  let email = `${p.local}@${maybe(0.1) ? p.companyDomain : p.domain}`;
  if (maybe(0.1)) email = typo(random, email);
  if (random() < (duplicate ? 0.2 : 0.05)) email = "";
  let phone = p.phone;
  if (maybe(0.05)) phone = typo(random, phone).replace(/\D/g, "0").padEnd(10, "0");
  phone = random() < (duplicate ? 0.3 : 0.15) ? "" : formatPhone(random, phone);
  let company = p.company;
  if (maybe(0.3)) company = company.replace(/ (Inc\.?|LLC|Ltd|Corp|GmbH)$/, "");
  if (maybe(0.05)) company = typo(random, company);
  if (random() < (duplicate ? 0.15 : 0.05)) company = "";
  let city = cities[p.city];
  if (maybe(0.05)) city = typo(random, city);
  if (maybe(0.1)) city = "";
  let postcode = p.postcode;
  if (maybe(0.05)) postcode = typo(random, postcode);
  if (maybe(0.1)) postcode = "";
  return [first, last, email, phone, company, city, postcode];
}

/**
 * `rows` contacts (header SYNTHETIC_HEADER) with known duplicates: 30% of people appear 2–4
 * times, the copies carrying typos, swapped names, other phone formats, dropped legal forms and
 * missing values. `entity` is the ground truth. The same seed gives the same rows.
 */
export function* syntheticContacts(rows: number, seed = 20240601): Generator<string[]> {
  const random = seededRandom(seed);
  const lastNames = Array.from({ length: 30_000 }, () => made(random, 2 + Math.floor(random() * 2)));
  const companies = Array.from({ length: 20_000 }, () => {
    const name = capital(made(random, 2));
    const word = random() < 0.5 ? ` ${capital(pick(random, COMPANY_WORDS))}` : "";
    const legal = pick(random, LEGAL);
    return `${name}${word}${legal ? ` ${legal}` : ""}`;
  });
  const cities = Array.from({ length: 400 }, () => capital(made(random, 2 + Math.floor(random() * 2))));
  const usedEmails = new Set<string>();
  let id = 0;
  let entity = 0;
  while (id < rows) {
    const p = person(random, lastNames, companies, usedEmails);
    const r = random();
    const copies = r < 0.7 ? 1 : r < 0.9 ? 2 : r < 0.97 ? 3 : 4;
    for (let c = 0; c < copies && id < rows; c++) {
      yield [String(id++), ...record(random, p, cities, c > 0), String(entity)];
    }
    entity++;
  }
}
