/**
 * Insights at scale (issue 9): one site with ~1 million events over 90 days — questions (public,
 * personal, checkout, complaints), answers, helpful votes, staff items with their routing events,
 * chats and their messages, reviews and their votes, ideas and their votes, and deflection
 * counters — in a temporary local D1, then the console's Insights report timed in local workerd
 * (wrangler dev): the Worker's own time (Server-Timing) and the client's, as ratios to the health
 * endpoint measured in the same run. Goal: the 90-day report under 1 s of server time.
 *
 * The rows are written straight into the local D1's SQLite file with node:sqlite (one
 * transaction, prepared statements) — through `wrangler d1 execute` a million rows take many
 * minutes. Every trigger runs as for the API's writes, rollups included.
 *
 *   node scripts/bench-insights.ts [--events 1000000] [--samples 30]
 * `npm run bench` runs it after the other benchmarks. Starting the server builds dist/.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseSync } from 'node:sqlite';
import { freePort, startApp } from '../test/e2e/harness.ts';
import { seededRandom } from '../test/fixtures/seeded-random.ts';
import { runWrangler } from './wrangler.ts';
import { SESSION_COOKIE, hashSessionToken, newSessionToken } from '../worker/src/domain/sessions.ts';

const SITE = 'bench-insights';
const PRODUCTS = 500;
const DAYS = 90;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The benchmark's "now": the end of its 90 days (fixed, so every run measures the same data). */
const END = Date.UTC(2026, 9, 1);
const START = END - DAYS * DAY;

const percentiles = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
  return { p50: at(50), p95: at(95), max: s.at(-1) ?? 0 };
};

/**
 * The share of each kind of event in the million. Each row is one event; a deflection counter
 * row stands for at least one (its count is the number of shopper events).
 */
const MIX = {
  questions: 0.12,
  answers: 0.2,
  answerVotes: 0.18,
  staffItems: 0.04, // + a 'routed' event row each, written by the trigger
  conversations: 0.015,
  chatMessages: 0.1,
  reviews: 0.06,
  reviewVotes: 0.05,
  ideas: 0.01,
  ideaVotes: 0.075,
  // 500 products × 90 days × 5 kinds ≈ 225,000 counter rows.
} as const;

const publicTexts = [
  'Is the jacket waterproof in heavy rain?', 'Does the hood fit over a helmet?', 'Are the zips sturdy enough for daily use?',
  'Is this warm enough for winter cycling?', 'How does the sizing compare to other brands?', 'Can the sole be resoled later?',
  'Is the backpack big enough for a laptop?', 'Does the fabric breathe on long hikes?', 'Waterdicht bij zware regen?', 'Est-ce que la veste est chaude ?',
];
const personalTexts = [
  'Where is my invoice? The invoice is missing from the email.', 'Invoice missing for order [order number hidden]',
  'The size runs small, can I exchange it for a bigger size?', 'These boots run small, I need to exchange them',
  'My parcel arrived damaged, the box was broken', 'Parcel arrived damaged, what now?', 'Refund not received yet for my return',
  'I still have not received my refund', 'Mijn factuur ontbreekt nog steeds', 'Le colis est arrivé endommagé',
  'Wrong colour delivered, I ordered black', 'The zipper broke after one week',
];

function seedDatabase(file: string, events: number): Record<string, number> {
  const { rand, pick } = seededRandom(20261125);
  const at = () => START + Math.floor(rand() * DAYS * DAY);
  const n = (share: number) => Math.round(events * share);
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF;');
  const counts: Record<string, number> = {};
  db.exec('BEGIN');
  db.prepare("INSERT INTO sites (id, name, default_language, created_at) VALUES (?, 'Insights benchmark shop', 'en', ?)").run(SITE, START);
  const product = db.prepare('INSERT INTO products (site_id, id, name, first_seen_at) VALUES (?, ?, ?, ?)');
  for (let p = 0; p < PRODUCTS; p++) product.run(SITE, `p${p}`, `Product ${p}`, START);
  // A skewed product choice: a few products draw most contacts, as in a real shop.
  const aProduct = () => `p${Math.floor(PRODUCTS * rand() ** 2)}`;

  const members = 3000;
  const q = db.prepare(
    `INSERT INTO questions (site_id, id, product_id, body, author_name, author_visitor, answer_count, created_at, visibility, channel, complaint, category, accepted_answer_id, conversation_id, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'published')`,
  );
  const a = db.prepare(
    `INSERT INTO answers (site_id, id, question_id, body, author_name, author_sub, author_visitor, author_role, created_at, helpful_count)
     VALUES (?, ?, ?, 'Yes, I have used it for a year in all weathers.', ?, ?, ?, ?, ?, ?)`,
  );
  const vote = db.prepare('INSERT INTO answer_votes (site_id, answer_id, voter, created_at) VALUES (?, ?, ?, ?)');
  const item = db.prepare(
    `INSERT INTO staff_items (site_id, id, question_id, product_id, reason, status, sla_due_at, routed_at, first_response_at, resolved_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const qCount = n(MIX.questions);
  const aCount = n(MIX.answers);
  const itemTarget = n(MIX.staffItems);
  const publicIds: { id: string; at: number }[] = [];
  let items = 0;
  let answers = 0;
  let votes = 0;
  const perQuestion = Math.max(1, Math.round(aCount / (qCount * 0.7)));
  for (let i = 0; i < qCount; i++) {
    const id = `q${i}`;
    const created = at();
    const productId = aProduct();
    const kind = rand();
    if (kind < 0.7) {
      // Public: most get community answers (one accepted now and then), some time out to staff.
      const nAnswers = rand() < 0.85 ? 1 + Math.floor(rand() * perQuestion * 2) : 0;
      const accepted = nAnswers && rand() < 0.3 ? `a${answers}` : null;
      q.run(SITE, id, productId, pick(publicTexts), 'Shopper', `v_q${i}`, nAnswers, created, 'public', 'product', 0, null, accepted, null);
      publicIds.push({ id, at: created });
      for (let k = 0; k < nAnswers && answers < aCount; k++) {
        const m = Math.floor(members * rand() ** 3);
        const aid = `a${answers++}`;
        const staff = rand() < 0.03;
        a.run(SITE, aid, id, staff ? 'Staff' : `Member ${m}`, staff ? null : `m${m}`, null, staff ? 'staff' : 'shopper', created + Math.floor(rand() * 36 * HOUR), 0);
        const nv = Math.floor(rand() * 3);
        for (let v = 0; v < nv && votes < n(MIX.answerVotes); v++, votes++) vote.run(SITE, aid, `v:voter${votes}`, created + DAY);
      }
      if (nAnswers === 0 && items < itemTarget && rand() < 0.5) {
        const routed = created + 4 * HOUR;
        const responded = rand() < 0.8 ? routed + Math.floor(rand() * 8 * HOUR) : null;
        item.run(SITE, `i${items++}`, id, productId, 'timeout', responded ? 'resolved' : 'new', routed + 4 * HOUR, routed, responded, responded && responded + HOUR, routed);
      }
    } else {
      // Personal (and at checkout), a tenth of them complaints: straight to staff.
      const checkout = kind > 0.93;
      const complaint = rand() < 0.1 ? 1 : 0;
      q.run(SITE, id, productId, pick(personalTexts), 'Shopper', `v_q${i}`, 0, created, 'private', checkout ? 'checkout' : 'product', complaint, 'invoice', null, null);
      if (items < itemTarget) {
        const responded = rand() < 0.9 ? created + Math.floor(rand() * 10 * HOUR) : null;
        const resolved = responded && rand() < 0.8 ? responded + Math.floor(rand() * 24 * HOUR) : null;
        const reason = checkout ? 'checkout' : complaint ? 'complaint' : pick(['personal', 'personal', 'personal', 'second_contact', 'not_helpful'] as const);
        item.run(SITE, `i${items++}`, id, productId, reason, resolved ? 'resolved' : 'open', created + 4 * HOUR, created, responded, resolved, created);
      }
    }
  }
  // Votes on top of the answered questions' answers until the share is reached.
  for (let i = 0; votes < n(MIX.answerVotes) && answers > 0; i++, votes++) vote.run(SITE, `a${i % answers}`, `v:extra${i}`, END - DAY);
  counts.questions = qCount;
  counts.answers = answers;
  counts['answer votes'] = votes;
  counts['staff items'] = items;
  counts['staff item events (routed)'] = items;

  const conv = db.prepare(
    `INSERT INTO conversations (site_id, id, question_id, channel, product_id, author_key, start_client_id, created_at, updated_at)
     VALUES (?, ?, ?, 'product', ?, ?, ?, ?, ?)`,
  );
  const msg = db.prepare(
    `INSERT INTO chat_messages (site_id, conversation_id, seq, client_id, sender_kind, sender_id, sender_name, body, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'Thanks, that helps!', ?)`,
  );
  const convs = n(MIX.conversations);
  const perChat = Math.max(1, Math.round(n(MIX.chatMessages) / convs));
  let messages = 0;
  for (let i = 0; i < convs; i++) {
    const created = at();
    const productId = aProduct();
    const qid = `cq${i}`;
    q.run(SITE, qid, productId, pick(personalTexts), 'Shopper', `v_c${i}`, 0, created, 'private', 'product', 0, 'order_status', null, `c${i}`);
    conv.run(SITE, `c${i}`, qid, productId, `v:v_c${i}`, `start${i}`, created, created);
    for (let s = 1; s <= perChat; s++, messages++) {
      msg.run(SITE, `c${i}`, s, `m${s}`, s % 2 ? 'shopper' : 'staff', s % 2 ? `v:v_c${i}` : 'staff:s1', s % 2 ? 'Shopper' : 'Staff', created + s * 60_000);
    }
  }
  counts.conversations = convs;
  counts['chat messages'] = messages;

  const rev = db.prepare(
    `INSERT INTO reviews (site_id, id, product_id, kind, rating, title, body, author_visitor, author_name, created_at, updated_at)
     VALUES (?, ?, ?, 'shopper', ?, 'Warm and dry', 'Kept me dry on a long walk along the dunes.', ?, 'Shopper', ?, ?)`,
  );
  const revVote = db.prepare('INSERT INTO review_votes (site_id, review_id, voter, created_at) VALUES (?, ?, ?, ?)');
  const reviews = n(MIX.reviews);
  for (let i = 0; i < reviews; i++) {
    const created = at();
    rev.run(SITE, `r${i}`, aProduct(), 1 + Math.floor(rand() * 5), `v_r${i}`, created, created);
  }
  for (let i = 0; i < n(MIX.reviewVotes); i++) revVote.run(SITE, `r${i % reviews}`, `v:rv${i}`, END - DAY);
  counts.reviews = reviews;
  counts['review votes'] = n(MIX.reviewVotes);

  const idea = db.prepare(
    `INSERT INTO ideas (site_id, id, product_id, title, body, category, status, author_visitor, author_name, created_at, updated_at)
     VALUES (?, ?, ?, 'Make it in kids sizes', 'Please make this jacket in kids sizes too.', 'product', ?, ?, 'Shopper', ?, ?)`,
  );
  const ideaVote = db.prepare('INSERT INTO idea_votes (site_id, idea_id, voter, created_at) VALUES (?, ?, ?, ?)');
  const ideas = n(MIX.ideas);
  for (let i = 0; i < ideas; i++) {
    const created = at();
    idea.run(SITE, `d${i}`, rand() < 0.3 ? null : aProduct(), pick(['new', 'new', 'under_review', 'planned', 'done', 'declined']), `v_d${i}`, created, created);
  }
  for (let i = 0; i < n(MIX.ideaVotes); i++) ideaVote.run(SITE, `d${i % ideas}`, `v:iv${i}`, END - DAY);
  counts.ideas = ideas;
  counts['idea votes'] = n(MIX.ideaVotes);

  const defl = db.prepare('INSERT INTO deflection_events (site_id, product_id, day, kind, count) VALUES (?, ?, ?, ?, ?)');
  let counters = 0;
  let shopperEvents = 0;
  for (let p = 0; p < PRODUCTS; p++) {
    for (let d = 0; d < DAYS; d++) {
      const day = START / DAY + d;
      const sessions = 1 + Math.floor(rand() * 6);
      const deflected = Math.floor(sessions * rand() * 0.5);
      const posted = Math.floor((sessions - deflected) * 0.4);
      for (const [kind, count] of [
        ['suggestions_shown', sessions],
        ['suggestion_opened', deflected + 1],
        ['deflected', deflected || 1],
        ['question_posted', posted || 1],
        ['abandoned', Math.max(1, sessions - deflected - posted)],
      ] as const) {
        defl.run(SITE, `p${p}`, day, kind, count);
        counters++;
        shopperEvents += count;
      }
    }
  }
  counts['deflection counter rows'] = counters;

  // Reputation as H1's nightly job leaves it: a profile for the most active members.
  const profile = db.prepare('INSERT INTO member_profiles (site_id, member_key, public_id, name, points, influence, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (let m = 0; m < 500; m++) profile.run(SITE, `m:m${m}`, `pub${m}`, `Member ${m}`, 2000 - m * 3, 1 + (m % 5), END);
  db.exec('COMMIT');
  db.close();
  counts.total = Object.entries(counts).reduce((s, [k, v]) => (k === 'total' ? s : s + v), 0);
  counts['(shopper deflection events behind the counters)'] = shopperEvents;
  return counts;
}

async function signInCookie(file: string): Promise<string> {
  const token = newSessionToken();
  const db = new DatabaseSync(file);
  db.prepare("INSERT INTO staff (site_id, id, email, name, role, password_hash, created_at) VALUES (?, 'owner', 'owner@bench-insights.example', 'Owner', 'owner', 'x', 0)").run(SITE);
  db.prepare("INSERT INTO staff_sessions (site_id, token_hash, staff_id, created_at, expires_at) VALUES (?, ?, 'owner', ?, ?)").run(
    SITE,
    await hashSessionToken(token),
    Date.now(),
    Date.now() + 7 * 24 * HOUR,
  );
  db.close();
  return `__Host-${SESSION_COOKIE}=${token}`;
}

async function measure(url: string, samples: number, cookie?: string) {
  const client: number[] = [];
  const server: number[] = [];
  const headers = cookie ? { Cookie: cookie } : undefined;
  for (let i = 0; i < 3; i++) await (await fetch(url, { headers })).arrayBuffer(); // warm-up
  for (let i = 0; i < samples; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.text();
    client.push(performance.now() - t);
    if (!res.ok) throw new Error(`${url} answered ${res.status}: ${body.slice(0, 300)}`);
    server.push(Number(/app;dur=(\d+(?:\.\d+)?)/.exec(res.headers.get('Server-Timing') ?? '')?.[1] ?? 0));
  }
  return { client: percentiles(client), server: percentiles(server) };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Seeds, serves, measures and prints; returns the Worker-side p95 of the 90-day report. */
export async function benchInsights({ events = 1_000_000, samples = 30 } = {}): Promise<{ reportP95: number }> {
  const persistTo = mkdtempSync(join(tmpdir(), 'samen-bench-insights-'));
  console.log(`\nInsights: seeding ~${events.toLocaleString('en')} events over ${DAYS} days for one site…`);
  let t = performance.now();
  await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo]);
  const dir = join(persistTo, 'v3', 'd1', 'miniflare-D1DatabaseObject');
  const name = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!name) throw new Error(`no D1 database file in ${dir}`);
  const file = join(dir, name);
  const counts = seedDatabase(file, events);
  const cookie = await signInCookie(file);
  console.log(`  seeded in ${((performance.now() - t) / 1000).toFixed(1)} s (rollups kept by the triggers as rows went in):`);
  for (const [k, v] of Object.entries(counts)) console.log(`    ${k.padEnd(48)} ${v.toLocaleString('en').padStart(10)}`);

  t = performance.now();
  const app = await startApp([], { persistTo, port: await freePort() });
  console.log(`  server up in ${((performance.now() - t) / 1000).toFixed(1)} s at ${app.origin}\n`);
  try {
    const api = `${app.origin}/api/v1/console/insights`;
    const last90 = `?from=${day(START)}&to=${day(END - DAY)}`;
    const results = {
      health: await measure(`${app.origin}/api/v1/health`, samples * 3),
      'insights, 90 days, whole site': await measure(`${api}${last90}`, samples, cookie),
      'insights, 90 days, top product': await measure(`${api}${last90}&product=p0`, samples, cookie),
      'insights, 30 days, whole site': await measure(`${api}?from=${day(END - 30 * DAY)}&to=${day(END - DAY)}`, samples, cookie),
      'insights, 366 days, whole site': await measure(`${api}?from=${day(END - 366 * DAY)}&to=${day(END - DAY)}`, samples, cookie),
    };
    const sample = (await (await fetch(`${api}${last90}`, { headers: { Cookie: cookie } })).json()) as {
      contacts: { total: Record<string, number> };
      rootCauses: { topic: string; count: number }[];
      computedMs: number;
    };
    const base = results.health.client.p95 || 1;
    const f = (x: number) => x.toFixed(1).padStart(7);
    console.log('                                   client (through wrangler dev)           worker (Server-Timing)');
    console.log('endpoint                            p50 ms   p95 ms   max ms  ÷health p95    p50 ms   p95 ms   max ms');
    for (const [label, r] of Object.entries(results)) {
      console.log(
        `${label.padEnd(34)} ${f(r.client.p50)}  ${f(r.client.p95)}  ${f(r.client.max)}  ${(r.client.p95 / base).toFixed(1).padStart(8)}×   ${f(r.server.p50)}  ${f(r.server.p95)}  ${f(r.server.max)}`,
      );
    }
    const p95 = results['insights, 90 days, whole site'].server.p95;
    console.log(
      `\ngoal in the Worker: the 90-day report p95 ${p95} ms (< 1000: ${p95 < 1000 ? 'met' : 'missed'}); ${samples} sequential samples each ` +
        `(health p95 ${results.health.client.p95.toFixed(1)} ms through wrangler dev). The report counted ` +
        `${Object.entries(sample.contacts.total).map(([k, v]) => `${v.toLocaleString('en')} ${k}s`).join(', ')}; root causes: ` +
        `${sample.rootCauses.slice(0, 4).map((r) => `"${r.topic}" (${r.count})`).join(', ')}.`,
    );
    return { reportP95: p95 };
  } finally {
    await app.stop();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '1000000' }, samples: { type: 'string', default: '30' } } });
  await benchInsights({ events: Number(values.events), samples: Number(values.samples) });
}
