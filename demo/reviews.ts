/**
 * The demo shop's reviews: an expert verdict and buyer reviews (some verified by purchases, one
 * with the brand's reply), the review fields per product type, and the SQL that seeds them.
 * Fixed ids and ON CONFLICT keep the seed idempotent; the summaries follow from triggers.
 */
import { demoShop } from './catalog.ts';

/** Product types of the demo catalogue, and the review fields each asks for. */
export const demoProductTypes: Record<string, string> = {
  'nk-storm-jacket': 'clothing',
  'nk-merino-base': 'clothing',
  'nk-trail-runner': 'shoes',
  'nk-daypack-24': 'bags',
};
export const demoReviewFields = { clothing: ['fit'], shoes: ['fit', 'usage'], bags: ['usage'] };

interface SeedReview {
  id: string;
  productId: string;
  kind: 'shopper' | 'expert';
  rating: number;
  title: string;
  body: string;
  author: { sub: string; name: string; role: 'shopper' | 'expert' };
  pros?: string[];
  cons?: string[];
  specialism?: string;
  fields?: Record<string, string>;
  /** A purchase claim for this shopper and product was recorded (so "Verified buyer"). */
  bought?: string;
  reply?: string;
  daysAgo: number;
}

export const demoReviews: readonly SeedReview[] = [
  {
    id: '9e2a6b1c-1d2e-4f30-8a41-5b6c7d8e9f01',
    productId: 'nk-storm-jacket',
    kind: 'expert',
    rating: 5,
    title: 'Our pick for wet coastal walks',
    body: 'I wore the Storm Shell for three weeks of guiding on the Wadden coast: three hours of North Sea rain and I stayed dry, and the pit zips kept it from steaming up on the dike. The hood tightens properly over a cycling helmet.',
    author: { sub: 'demo-eva', name: 'Eva Jansen', role: 'expert' },
    pros: ['Dry after three hours of heavy rain', 'Hood fits over a bike helmet', 'Packs into its own chest pocket'],
    cons: ['Slim cut: size up over a thick fleece'],
    specialism: 'Outdoor guide, Wadden coast',
    daysAgo: 20,
  },
  {
    id: '9e2a6b1c-1d2e-4f30-8a41-5b6c7d8e9f02',
    productId: 'nk-storm-jacket',
    kind: 'shopper',
    rating: 5,
    title: 'Finally a jacket that stays dry',
    body: 'Cycled to work through two autumn storms: completely dry underneath, and the hood stays put in the wind.',
    author: { sub: 'demo-joris', name: 'Joris', role: 'shopper' },
    fields: { fit: 'true_to_size' },
    bought: 'NK-0981',
    daysAgo: 14,
  },
  {
    id: '9e2a6b1c-1d2e-4f30-8a41-5b6c7d8e9f03',
    productId: 'nk-storm-jacket',
    kind: 'shopper',
    rating: 4,
    title: 'Great shell, long sleeves',
    body: 'Very waterproof and light. The sleeves are a little long for me, but the cuffs tighten well.',
    author: { sub: 'demo-femke', name: 'Femke', role: 'shopper' },
    fields: { fit: 'large' },
    bought: 'NK-1003',
    reply: 'Thank you, Femke! The sleeves are cut long on purpose, so your wrists stay covered on the bike.',
    daysAgo: 9,
  },
  {
    id: '9e2a6b1c-1d2e-4f30-8a41-5b6c7d8e9f04',
    productId: 'nk-storm-jacket',
    kind: 'shopper',
    rating: 5,
    title: 'Light and packs small',
    body: 'It disappears into my day pack and comes out whenever the sky turns grey. Worth every euro.',
    author: { sub: 'demo-sanne', name: 'Sanne', role: 'shopper' },
    daysAgo: 4,
  },
  {
    id: '9e2a6b1c-1d2e-4f30-8a41-5b6c7d8e9f05',
    productId: 'nk-trail-runner',
    kind: 'shopper',
    rating: 4,
    title: 'Grippy on wet dunes',
    body: 'Excellent grip on wet sand and roots. They run half a size small: order up if you wear thick socks.',
    author: { sub: 'demo-joris', name: 'Joris', role: 'shopper' },
    fields: { fit: 'small', usage: 'weekly' },
    bought: 'NK-0981',
    daysAgo: 12,
  },
  {
    id: '9e2a6b1c-1d2e-4f30-8a41-5b6c7d8e9f06',
    productId: 'nk-merino-base',
    kind: 'shopper',
    rating: 5,
    title: 'Warm even when damp',
    body: 'Wore it five days in a row on a hiking trip: no smell, warm when wet, and it washes well at 30 degrees.',
    author: { sub: 'demo-femke', name: 'Femke', role: 'shopper' },
    fields: { fit: 'true_to_size' },
    bought: 'NK-1003',
    daysAgo: 6,
  },
];

/** SQL that seeds the reviews, the purchases behind "Verified buyer", and the site's review fields. */
export function reviewSeedSql(lit: (s: string) => string, now: number): string[] {
  const site = lit(demoShop.siteId);
  const day = 24 * 3600e3;
  const lines = [
    // Only while the owner has not chosen otherwise: the seed runs on every start.
    `UPDATE sites SET review_fields = ${lit(JSON.stringify(demoReviewFields))} WHERE id = ${site} AND review_fields = '{}';`,
    ...Object.entries(demoProductTypes).map(
      ([product, type]) =>
        `UPDATE products SET product_type = ${lit(type)} WHERE site_id = ${site} AND id = ${lit(product)} AND product_type IS NULL;`,
    ),
  ];
  const members = new Map(demoReviews.map((r) => [r.author.sub, r.author]));
  for (const m of members.values()) {
    lines.push(
      `INSERT INTO members (site_id, sub, name, role, first_seen_at, last_seen_at) VALUES (${site}, ${lit(m.sub)}, ${lit(m.name)}, ${lit(m.role)}, ${now}, ${now}) ON CONFLICT DO NOTHING;`,
    );
  }
  for (const r of demoReviews) {
    const at = now - r.daysAgo * day;
    if (r.bought) {
      lines.push(
        `INSERT INTO purchases (site_id, member_sub, product_id, order_ref, purchased_at, recorded_at)
           VALUES (${site}, ${lit(r.author.sub)}, ${lit(r.productId)}, ${lit(r.bought)}, ${at - 7 * day}, ${at - 7 * day}) ON CONFLICT DO NOTHING;`,
      );
    }
    lines.push(
      `INSERT INTO reviews (site_id, id, product_id, kind, rating, title, body, pros, cons, specialism, fields, verified_buyer,
                            author_name, author_sub, author_role, reply_body, reply_staff_name, reply_at, created_at, updated_at)
         VALUES (${site}, ${lit(r.id)}, ${lit(r.productId)}, ${lit(r.kind)}, ${r.rating}, ${lit(r.title)}, ${lit(r.body)},
                 ${lit(JSON.stringify(r.pros ?? []))}, ${lit(JSON.stringify(r.cons ?? []))}, ${r.specialism ? lit(r.specialism) : 'NULL'},
                 ${lit(JSON.stringify(r.fields ?? {}))}, ${r.bought ? 1 : 0}, ${lit(r.author.name)}, ${lit(r.author.sub)}, ${lit(r.author.role)},
                 ${r.reply ? lit(r.reply) : 'NULL'}, ${r.reply ? "'Olga Owner'" : 'NULL'}, ${r.reply ? at + day : 'NULL'}, ${at}, ${at})
         ON CONFLICT DO NOTHING;`,
    );
  }
  return lines;
}
