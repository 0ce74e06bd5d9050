/** Word lists the demo company is made of. Names are invented; domains use the reserved `.example`. */

const list = (text: string): string[] => text.trim().split(/\s*,\s*/);

export const COMPANY_DOMAIN = "acme-cloud.example";

export const FIRST_NAMES: Record<string, string[]> = {
  NA: list(`James, Mary, Robert, Patricia, Michael, Jennifer, David, Linda, William, Elizabeth, Daniel, Emily,
    Matthew, Ashley, Andrew, Sarah, Joshua, Jessica, Kevin, Megan, Brian, Lauren, Tyler, Rachel, Marcus, Keisha,
    Carlos, Maria, Wei, Priya, Jordan, Taylor, Nicole, Jason, Olivia, Ryan, Grace, Aaron, Hannah, Derek`),
  EMEA: list(`Oliver, Amelia, Harry, Isla, Lukas, Hannah, Felix, Lea, Louis, Camille, Hugo, Chloé, Lars, Astrid,
    Pablo, Lucía, Matteo, Giulia, Sven, Ingrid, Thomas, Sophie, Jan, Anna, Pieter, Fleur, Ahmed, Yasmin, Noah,
    Emma, Jonas, Clara, Elias, Marie, Finn, Ines, Oscar, Freya`),
  APAC: list(`Hiroshi, Yuki, Kenji, Aiko, Wei, Mei, Jun, Li, Arjun, Ananya, Rahul, Divya, Jack, Charlotte, Liam,
    Ruby, Ethan, Chloe, Min-jun, Seo-yeon, Siti, Ravi, Haruto, Sakura, Kai, Zara`),
  LATAM: list(`Santiago, Valentina, Mateo, Camila, Sebastián, Isabella, Diego, Sofía, Gabriel, Mariana, Lucas,
    Fernanda, Rafael, Beatriz, Alejandro, Daniela, João, Larissa, Miguel, Renata`),
};

export const LAST_NAMES: Record<string, string[]> = {
  NA: list(`Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Garcia, Wilson, Anderson, Thomas, Moore,
    Jackson, Martin, Lee, Thompson, White, Harris, Clark, Lewis, Walker, Young, Allen, King, Wright, Nguyen,
    Patel, Kim, Chen, Rivera, Brooks, Reed, Foster, Hayes, Bennett, Coleman, Powell, Sullivan`),
  EMEA: list(`Taylor, Evans, Hughes, Müller, Schmidt, Schneider, Fischer, Weber, Martin, Bernard, Dubois,
    Laurent, Lefèvre, de Vries, Jansen, Bakker, García, Fernández, López, Rossi, Bianchi, Andersson, Johansson,
    Nielsen, Kowalski, Novak, O'Brien, Murphy, Haddad, Wagner, Becker, Moreau, Visser, Lindqvist`),
  APAC: list(`Tanaka, Suzuki, Takahashi, Watanabe, Wang, Li, Zhang, Liu, Chen, Sharma, Gupta, Iyer, Reddy,
    Smith, Wilson, Taylor, Park, Choi, Tan, Lim, Ng, Wong, Sato, Kobayashi`),
  LATAM: list(`Silva, Santos, Oliveira, Souza, Pereira, Costa, Rodrigues, Hernández, González, Martínez,
    Ramírez, Flores, Torres, Díaz, Morales, Castillo, Vargas, Rojas, Mendoza, Ferreira`),
};

export const COMPANY_ROOTS = list(`Blue, North, Bright, Silver, Iron, Red, Green, Swift, Clear, True, Open,
  Stone, River, Summit, Cedar, Maple, Harbor, Pioneer, Vertex, Nova, Quant, Zen, Apex, Atlas, Polar, Lumen,
  Orbit, Echo, Sky, Terra, Delta, Sierra, Cobalt, Amber, Falcon, Granite, Helix, Kite, Lark, Meridian, Nimbus,
  Onyx, Prism, Quill, Rally, Sable, Tide, Umber, Vista, Willow`);
export const COMPANY_TAILS = list(`peak, wind, line, field, bridge, stack, works, gate, path, point, wave,
  forge, light, bay, crest, shore, yard, loop, mark, ridge, dale, spark, leaf, grid, hub, craft, sail, vale,
  well, scale`);
export const COMPANY_KINDS = list(`Logistics, Analytics, Health, Software, Systems, Labs, Capital, Foods,
  Energy, Robotics, Media, Retail, Bio, Security, Networks, Payments, Learning, Travel, Manufacturing,
  Insurance, Group, Partners, Technologies, Mobility, Studios`);

export const INDUSTRIES = list(`Software, Financial Services, Healthcare, Manufacturing, Retail, Logistics,
  Education, Media, Professional Services, Telecommunications, Energy, Real Estate, Travel & Hospitality,
  Insurance, Nonprofit`);

export const BUYER_TITLES = list(`VP of Sales, Chief Revenue Officer, Head of Revenue Operations,
  Director of Sales Operations, VP of Marketing, Marketing Operations Manager, Head of Customer Success, CFO,
  Finance Director, Sales Operations Analyst, Director of Demand Generation, COO, RevOps Manager,
  Business Systems Analyst, Head of Growth, CEO, IT Manager, Account Executive, Customer Success Manager`);

/** Why deals are lost, with how often. */
export const LOSS_REASONS: Record<string, number> = {
  "Chose a competitor": 0.25,
  Price: 0.2,
  "No decision / status quo": 0.2,
  Timing: 0.12,
  "Missing feature": 0.1,
  "Budget cut": 0.08,
  "Security review failed": 0.05,
};

export interface Country {
  code: string;
  currency: "USD" | "EUR" | "GBP";
  /** IANA zones with their (standard-time) UTC offset in hours. */
  zones: Array<[string, number]>;
  /** Phone templates in E.164; each # is a random digit. */
  phones: string[];
}

function country(code: string, currency: Country["currency"], zones: string, phones: string): Country {
  return {
    code,
    currency,
    zones: list(zones).map((z) => {
      const [name, offset] = z.split(" ");
      return [name, Number(offset)] as [string, number];
    }),
    phones: list(phones),
  };
}

/** Countries per region with their weight; 555-01xx (US) and 020 7946 0xxx (UK) are ranges kept for fiction. */
export const COUNTRIES: Record<string, Array<[Country, number]>> = {
  NA: [
    [
      country(
        "US",
        "USD",
        "America/New_York -5, America/Chicago -6, America/Denver -7, America/Los_Angeles -8",
        "+121255501##, +131255501##, +141555501##, +151255501##, +161755501##, +120655501##",
      ),
      85,
    ],
    [country("CA", "USD", "America/Toronto -5, America/Vancouver -8", "+141655501##, +160455501##"), 15],
  ],
  EMEA: [
    [country("GB", "GBP", "Europe/London 0", "+442079460###"), 35],
    [country("DE", "EUR", "Europe/Berlin 1", "+4930########"), 25],
    [country("FR", "EUR", "Europe/Paris 1", "+331########"), 15],
    [country("NL", "EUR", "Europe/Amsterdam 1", "+3120#######"), 10],
    [country("ES", "EUR", "Europe/Madrid 1", "+3491#######"), 10],
    [country("SE", "EUR", "Europe/Stockholm 1", "+468########"), 5],
  ],
  APAC: [
    [country("AU", "USD", "Australia/Sydney 10", "+6125550####"), 40],
    [country("SG", "USD", "Asia/Singapore 8", "+656#######"), 30],
    [country("JP", "USD", "Asia/Tokyo 9", "+813########"), 30],
  ],
  LATAM: [
    [country("BR", "USD", "America/Sao_Paulo -3", "+55119########"), 50],
    [country("MX", "USD", "America/Mexico_City -6", "+5255########"), 50],
  ],
};
