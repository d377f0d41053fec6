/**
 * Seeds the demo shop into the local D1 database. Idempotent: every row has a fixed key
 * and is written with ON CONFLICT, so running it again changes nothing and duplicates nothing.
 *
 *   node scripts/seed.ts [--persist-to DIR]
 * Extra allowed origins (for another port): SAMEN_DEMO_ORIGINS="http://localhost:9000,…"; PORT adds
 * http://localhost:PORT and http://127.0.0.1:PORT.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { demoProducts, demoShop, demoStaff } from '../demo/catalog.ts';
import { hashPassword } from '../worker/src/domain/passwords.ts';
import { newSigningSecret } from '../worker/src/domain/shop-tokens.ts';
import { persistArgs, runWrangler } from './wrangler.ts';
import { reviewSeedSql } from '../demo/reviews.ts';
import { activitySeedSql } from './seed-activity.ts';

/** SQL string literal for our own constants (the seed file cannot use bound parameters). */
const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

export function demoOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  const origins = new Set<string>(demoShop.origins);
  if (env.PORT) {
    origins.add(`http://localhost:${env.PORT}`);
    origins.add(`http://127.0.0.1:${env.PORT}`);
  }
  for (const o of (env.SAMEN_DEMO_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    if (!ORIGIN.test(o)) throw new Error(`SAMEN_DEMO_ORIGINS: not an origin: ${o}`);
    origins.add(o);
  }
  return [...origins];
}

/** Fixed example content so a newcomer sees a living product page. */
const SEED_TIME = Date.UTC(2026, 9, 1, 9, 0, 0);
const seedQuestions = [
  {
    id: '5b0e6f1c-0d1e-4a53-9a57-1d7c8e3f0a01',
    productId: 'nk-storm-jacket',
    body: 'Does the hood fit over a bike helmet?',
    author: 'Joris',
    answers: [
      { id: '5b0e6f1c-0d1e-4a53-9a57-1d7c8e3f0b01', body: 'Yes, it fits over my road helmet with room to spare. Tighten the back adjuster.', author: 'Femke' },
    ],
  },
  {
    id: '5b0e6f1c-0d1e-4a53-9a57-1d7c8e3f0a02',
    productId: 'nk-trail-runner',
    body: 'Do these run small? I am usually a 43.',
    author: 'Sanne',
    answers: [],
  },
];

/** Canned responses the demo team starts with; `{{name}}` and `{{product}}` are filled in by the console. */
const seedCanned = [
  {
    id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e01',
    title: 'Invoice sent again',
    body: 'Hi {{name}}, I have just sent your invoice again to the email address of your account. Let us know if it does not arrive within the hour.',
  },
  {
    id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e02',
    title: 'Where is my parcel',
    body: 'Hi {{name}}, your parcel is on its way: you will receive the track-and-trace link by email today. Kind regards, the Noordkust team.',
  },
  {
    id: '7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e03',
    title: 'Product advice',
    body: 'Hi {{name}}, thanks for your question about {{product}}. ',
  },
];

export async function seedSql(origins: string[]): Promise<string> {
  const now = SEED_TIME;
  const staffRows = await Promise.all(
    demoStaff.map(
      async (s) =>
        `INSERT INTO staff (site_id, id, email, name, role, password_hash, created_at)
           VALUES (${lit(demoShop.siteId)}, ${lit(s.id)}, ${lit(s.email)}, ${lit(s.name)}, ${lit(s.role)}, ${lit(await hashPassword(s.password))}, ${now})
           ON CONFLICT DO NOTHING;`,
    ),
  );
  const lines = [
    `INSERT INTO sites (id, name, default_language, created_at) VALUES (${lit(demoShop.siteId)}, ${lit(demoShop.name)}, ${lit(demoShop.defaultLanguage)}, ${now})
       ON CONFLICT (id) DO UPDATE SET name = excluded.name;`,
    // A signing secret once; later runs keep whatever secret the site has (it may have been rotated).
    `UPDATE sites SET token_secret = ${lit(newSigningSecret())} WHERE id = ${lit(demoShop.siteId)} AND token_secret IS NULL;`,
    ...staffRows,
    ...origins.map(
      (o) => `INSERT INTO site_origins (site_id, origin) VALUES (${lit(demoShop.siteId)}, ${lit(o)}) ON CONFLICT DO NOTHING;`,
    ),
    ...demoProducts.map(
      (p) => `INSERT INTO products (site_id, id, name, first_seen_at) VALUES (${lit(demoShop.siteId)}, ${lit(p.id)}, ${lit(p.name)}, ${now})
       ON CONFLICT (site_id, id) DO UPDATE SET name = excluded.name;`,
    ),
  ];
  for (const c of seedCanned) {
    lines.push(
      `INSERT INTO canned_responses (site_id, id, title, body, created_at)
         VALUES (${lit(demoShop.siteId)}, ${lit(c.id)}, ${lit(c.title)}, ${lit(c.body)}, ${now}) ON CONFLICT DO NOTHING;`,
    );
  }
  seedQuestions.forEach((q, i) => {
    const askedAt = now + i * 3600e3;
    lines.push(
      `INSERT INTO questions (site_id, id, product_id, body, author_name, answer_count, created_at)
         VALUES (${lit(demoShop.siteId)}, ${lit(q.id)}, ${lit(q.productId)}, ${lit(q.body)}, ${lit(q.author)}, 0, ${askedAt})
         ON CONFLICT DO NOTHING;`,
    );
    q.answers.forEach((a, j) =>
      lines.push(
        `INSERT INTO answers (site_id, id, question_id, body, author_name, created_at)
           VALUES (${lit(demoShop.siteId)}, ${lit(a.id)}, ${lit(q.id)}, ${lit(a.body)}, ${lit(a.author)}, ${askedAt + (j + 1) * 1800e3})
           ON CONFLICT DO NOTHING;`,
      ),
    );
    // Recount rather than increment, so a second run cannot drift the count.
    lines.push(
      `UPDATE questions SET answer_count = (SELECT count(*) FROM answers a WHERE a.site_id = questions.site_id AND a.question_id = questions.id)
         WHERE site_id = ${lit(demoShop.siteId)} AND id = ${lit(q.id)};`,
    );
  });
  // Reviews: an expert verdict and buyer reviews, with the purchases behind "Verified buyer".
  lines.push(...reviewSeedSql(lit, now));
  // Three months of activity up to today, for the console's Insights (skipped once seeded).
  lines.push(...activitySeedSql(Date.now()));
  return lines.join('\n');
}

export async function seed(persistTo?: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'samen-seed-'));
  const file = join(dir, 'seed.sql');
  try {
    writeFileSync(file, await seedSql(demoOrigins()));
    await runWrangler(['d1', 'execute', 'DB', '--local', `--file=${file}`, ...persistArgs(persistTo)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { 'persist-to': { type: 'string' } } });
  await seed(values['persist-to']);
  console.log('Seeded the demo shop (site "demo").');
}
