/** The demo shop's catalogue: used to render its pages and to seed its products. */
export interface DemoProduct {
  id: string;
  slug: string;
  name: string;
  priceCents: number;
  colour: string;
  description: string;
}

export const demoShop = {
  siteId: 'demo',
  name: 'Noordkust Outdoor',
  defaultLanguage: 'en',
  origins: ['http://localhost:8787', 'http://127.0.0.1:8787', 'http://localhost:8788'],
} as const;

export const demoProducts: readonly DemoProduct[] = [
  {
    id: 'nk-storm-jacket',
    slug: 'storm-shell-jacket',
    name: 'Storm Shell Jacket',
    priceCents: 18900,
    colour: '#2f5d62',
    description:
      'A three-layer waterproof shell for wet North Sea days: 20,000 mm hydrostatic head, taped seams, pit zips and a helmet-compatible hood. Weighs 410 g and packs into its own chest pocket.',
  },
  {
    id: 'nk-merino-base',
    slug: 'merino-base-layer',
    name: 'Merino Base Layer',
    priceCents: 6995,
    colour: '#8a5a44',
    description:
      'Long-sleeve 200 g/m² merino wool top that keeps you warm when damp and does not smell after a week on the trail. Flatlock seams, thumb loops, machine washable at 30 °C.',
  },
  {
    id: 'nk-trail-runner',
    slug: 'trail-runner-gtx',
    name: 'Trail Runner GTX',
    priceCents: 14900,
    colour: '#5b6c2f',
    description:
      'Waterproof trail shoe with a 4 mm lug outsole, rock plate and 8 mm drop. Fits true to size with room for thicker socks; the wide version is sold separately.',
  },
  {
    id: 'nk-daypack-24',
    slug: 'daypack-24',
    name: 'Daypack 24 L',
    priceCents: 8900,
    colour: '#3b3f58',
    description:
      'A 24-litre day pack with a ventilated back panel, hip-belt pockets, a hydration sleeve and a rain cover stowed in the base. Fits a 15-inch laptop for the commute.',
  },
];

/** Console accounts of the demo shop (listed in the README; never use these passwords for real). */
export const demoStaff = [
  { id: 'staff-owner', email: 'owner@noordkust.example', name: 'Olga Owner', role: 'owner', password: 'noordkust-owner-2026' },
  { id: 'staff-agent', email: 'agent@noordkust.example', name: 'Arjen Agent', role: 'agent', password: 'noordkust-agent-2026' },
] as const;

/** A fixed order for the demo checkout page. */
export const demoOrder = {
  number: 'NK-1042',
  lines: [
    { productId: 'nk-storm-jacket', quantity: 1 },
    { productId: 'nk-merino-base', quantity: 2 },
  ],
} as const;

export const formatPrice = (cents: number): string =>
  new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR' }).format(cents / 100);
