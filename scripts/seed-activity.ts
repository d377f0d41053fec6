/**
 * Three months of activity for the demo shop, so that a newcomer who signs into the console sees
 * meaningful Insights: product questions answered by recurring community members (some accepted,
 * with helpful votes), personal questions, checkout questions and complaints routed to staff
 * (with replies, resolutions, some late), timeouts and second contacts, chats, reviews, ideas with
 * votes and statuses, and the deflection funnel of every product.
 *
 * The 90 days end at the start of the day the database is first seeded (UTC). Deterministic:
 * one seeded generator, fixed ids. Idempotent: every statement is skipped once the marker row
 * (the last statement of the file) exists, so a later run — on any day — adds and changes
 * nothing. Public questions, reviews and ideas go to catalogue items without demo pages, so the
 * demo product pages keep their short, readable lists; personal questions and chats (never
 * public) and deflection counters cover every product. Routed items are resolved or answered
 * history, so the console's open queue stays as the demo had it.
 */
import { demoProducts, demoShop } from '../demo/catalog.ts';
import {
  activityMembers,
  activityProducts,
  askerNames,
  chatOpeners,
  communityAnswers,
  ideaTexts,
  personalThemes,
  publicQuestions,
  reviewTexts,
  staffReplies,
} from '../demo/activity-data.ts';
import { seededRandom } from '../test/fixtures/seeded-random.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAYS = 90;
const SITE = demoShop.siteId;
/** The row (a note in the first seeded item's history) that marks the activity as seeded; written last. */
export const ACTIVITY_MARKER = 'demo-activity-marker';

type Value = string | number | null;

/** SQL literal for our own generated values (the seed file cannot use bound parameters). */
const sql = (v: Value): string => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`);

/**
 * `INSERT … SELECT … FROM (VALUES …) WHERE <not seeded yet> ON CONFLICT DO NOTHING`, 100 rows per
 * statement (D1 caps a statement at 100 KB).
 */
function inserts(table: string, columns: string[], rows: Value[][]): string[] {
  const out: string[] = [];
  const guard = `NOT EXISTS (SELECT 1 FROM staff_item_events WHERE site_id = ${sql(SITE)} AND id = ${sql(ACTIVITY_MARKER)})`;
  for (let i = 0; i < rows.length; i += 100) {
    const values = rows
      .slice(i, i + 100)
      .map((r) => `(${r.map(sql).join(', ')})`)
      .join(',\n  ');
    out.push(`INSERT INTO ${table} (${columns.join(', ')})\nSELECT * FROM (VALUES\n  ${values})\nWHERE ${guard}\nON CONFLICT DO NOTHING;`);
  }
  return out;
}

/** The activity's SQL statements; `now` picks the day the 90 days end (its UTC midnight). */
export function activitySeedSql(now: number): string[] {
  const end = Math.floor(now / DAY) * DAY;
  const start = end - DAYS * DAY;
  const { rand, pick } = seededRandom(20261001);
  /** A moment on day `d` between 07:00 and 22:00 UTC. */
  const onDay = (d: number) => start + d * DAY + 7 * HOUR + Math.floor(rand() * 15 * HOUR);
  /** Days with a gentle upward trend and a dip at weekends, so the charts have a shape. */
  const busy = (d: number) => {
    const weekday = new Date(start + d * DAY).getUTCDay();
    return (0.6 + (0.8 * d) / DAYS) * (weekday === 0 || weekday === 6 ? 0.6 : 1);
  };
  const allProducts = [...demoProducts.map((p) => p.id), ...activityProducts.map((p) => p.id)];
  const extraProducts = activityProducts.map((p) => p.id);
  const id = (kind: string, n: number) => `demo-act-${kind}-${String(n).padStart(4, '0')}`;

  const products: Value[][] = activityProducts.map((p) => [SITE, p.id, p.name, start]);
  const members: Value[][] = activityMembers.map((m) => [SITE, m.sub, m.name, null, m.role, start, end]);
  const questions: Value[][] = [];
  const answers: Value[][] = [];
  const answerVotes: Value[][] = [];
  const items: Value[][] = [];
  const messages: Value[][] = [];
  const conversations: Value[][] = [];
  const chatMessages: Value[][] = [];
  const reviews: Value[][] = [];
  const reviewVotes: Value[][] = [];
  const ideas: Value[][] = [];
  const ideaVotes: Value[][] = [];
  const deflection: Value[][] = [];
  const stats = new Map<string, { answers: number; accepted: number; helpful: number }>();
  let q = 0;
  let a = 0;
  let it = 0;

  const route = (questionId: string, productId: string, reason: string, category: string | null, routedAt: number, priority: number, late: boolean) => {
    const itemId = id('item', it++);
    const responded = rand() < 0.93 ? routedAt + (late ? 5 * HOUR + Math.floor(rand() * 20 * HOUR) : 10 * MINUTE + Math.floor(rand() * 3.5 * HOUR)) : null;
    // All history: resolved after the reply, or closed without one (the shopper found the answer).
    const resolved = responded !== null ? responded + Math.floor(rand() * 30 * HOUR) : routedAt + 2 * DAY;
    const visitor = `v_demoact${it}`;
    items.push([SITE, itemId, questionId, productId, reason, category, priority, 'resolved', `v:${visitor}`, routedAt + 4 * HOUR, routedAt, responded, resolved, resolved]);
    if (responded !== null) messages.push([SITE, `${itemId}-reply`, itemId, 'reply', 'staff-agent', 'Arjen Agent', pick(staffReplies), responded]);
  };

  for (let d = 0; d < DAYS; d++) {
    // Product questions for the community (on catalogue items without a demo page).
    const publicToday = Math.round(2.2 * busy(d) * (0.5 + rand()));
    for (let k = 0; k < publicToday; k++) {
      const qid = id('q', q++);
      const productId = pick(extraProducts);
      const asked = onDay(d);
      const nAnswers = rand() < 0.8 ? 1 + Math.floor(rand() * 3) : 0;
      const qAnswers: string[] = [];
      for (let j = 0; j < nAnswers; j++) {
        // The first members answer most: a handful of regulars carry the community.
        const m = activityMembers[Math.min(activityMembers.length - 1, Math.floor(activityMembers.length * rand() ** 2))]!;
        const aid = id('a', a++);
        const at = asked + 20 * MINUTE + Math.floor(rand() * (j + 1) * 9 * HOUR);
        const helpful = Math.floor(rand() ** 2 * 6);
        answers.push([SITE, aid, qid, pick(communityAnswers), m.name, m.sub, m.role, at, helpful]);
        for (let v = 0; v < helpful; v++) answerVotes.push([SITE, aid, `v:v_demovoter${(a * 7 + v) % 500}`, at + HOUR]);
        const s = stats.get(m.sub) ?? { answers: 0, accepted: 0, helpful: 0 };
        s.answers++;
        s.helpful += helpful;
        stats.set(m.sub, s);
        qAnswers.push(aid);
      }
      const acceptedIdx = nAnswers && rand() < 0.45 ? Math.floor(rand() * nAnswers) : -1;
      const accepted = acceptedIdx >= 0 ? qAnswers[acceptedIdx]! : null;
      if (accepted) {
        const row = answers.find((r) => r[1] === accepted)!;
        const s = stats.get(row[5] as string)!;
        s.accepted++;
      }
      questions.push([SITE, qid, productId, pick(publicQuestions), pick(askerNames), `v_demoask${q}`, nAnswers, asked, 'public', 'product', null, 0, accepted, null, null]);
      // Unanswered questions time out to staff after the community window.
      if (nAnswers === 0) route(qid, productId, 'timeout', null, asked + 4 * HOUR, 0, rand() < 0.3);
      else if (rand() < 0.05) route(qid, productId, 'not_helpful', null, asked + DAY, 0, false);
    }
    // Personal questions and complaints, on every product.
    const personalToday = Math.round(1.6 * busy(d) * (0.5 + rand()));
    for (let k = 0; k < personalToday; k++) {
      const theme = personalThemes[Math.min(personalThemes.length - 1, Math.floor(personalThemes.length * rand() ** 1.5))]!;
      const qid = id('q', q++);
      const productId = pick(allProducts);
      const asked = onDay(d);
      const complaint = rand() < theme.complaintShare ? 1 : 0;
      const checkout = theme.category === 'order_status' && rand() < 0.5;
      const orderRef = checkout ? `NK-${2000 + q}` : null;
      questions.push([SITE, qid, productId, pick(theme.texts), pick(askerNames), `v_demoask${q}`, 0, asked, 'private', checkout ? 'checkout' : 'product', theme.category, complaint, null, null, orderRef]);
      const second = !complaint && rand() < 0.06;
      route(qid, productId, checkout ? 'checkout' : complaint ? 'complaint' : second ? 'second_contact' : 'personal', theme.category, asked, complaint || second ? 1 : 0, rand() < 0.15);
    }
    // Chats: their first message is a private question too.
    if (rand() < 0.75 * busy(d)) {
      const n = conversations.length;
      const cid = id('chat', n);
      const qid = id('q', q++);
      const productId = pick(allProducts);
      const at = onDay(d);
      // Half the chats open with a greeting, half straight with the problem.
      const opener = rand() < 0.5 ? pick(chatOpeners) : pick(pick(personalThemes).texts);
      const visitor = `v_demochat${n}`;
      questions.push([SITE, qid, productId, opener, pick(askerNames), visitor, 0, at, 'private', 'product', 'order_status', 0, null, cid, null]);
      conversations.push([SITE, cid, qid, 'product', productId, visitor, `v:${visitor}`, `start-${n}`, 'closed', 4, 4, 4, at, at + 30 * MINUTE]);
      chatMessages.push(
        [SITE, cid, 1, 'c1', 'shopper', `v:${visitor}`, 'Shopper', opener, at],
        [SITE, cid, 2, 'c2', 'staff', 'staff:staff-agent', 'Arjen Agent', 'Hi! Happy to help, what is your order number?', at + 3 * MINUTE],
        [SITE, cid, 3, 'c3', 'shopper', `v:${visitor}`, 'Shopper', 'It is [order number hidden].', at + 5 * MINUTE],
        [SITE, cid, 4, 'c4', 'staff', 'staff:staff-agent', 'Arjen Agent', 'Thanks, it ships today. Anything else?', at + 9 * MINUTE],
      );
      route(qid, productId, 'personal', 'order_status', at, 0, false);
    }
    // Reviews (one per shopper and product) and ideas, on catalogue items without a demo page.
    if (rand() < 0.9 * busy(d)) {
      const n = reviews.length;
      const r = pick(reviewTexts);
      const at = onDay(d);
      const votes = Math.floor(rand() ** 2 * 5);
      reviews.push([SITE, id('review', n), pick(extraProducts), 'shopper', r.rating, r.title, r.body, `v_demoreview${n}`, pick(askerNames), votes, at, at]);
      for (let v = 0; v < votes; v++) reviewVotes.push([SITE, id('review', n), `v:v_demovoter${(n * 5 + v) % 500}`, at + DAY]);
    }
    if (d % 4 === 1 && ideas.length < ideaTexts.length * 2) {
      const n = ideas.length;
      const t = ideaTexts[n % ideaTexts.length]!;
      const at = onDay(d);
      const status = n < 4 ? pick(['done', 'planned', 'declined'] as const) : n < 10 ? pick(['under_review', 'planned', 'new'] as const) : 'new';
      const note = status === 'new' ? null : status === 'done' ? 'Available now, thanks for the idea!' : status === 'planned' ? 'Planned for next season.' : status === 'declined' ? 'Not for now: we cannot make this well enough.' : 'Our product team is looking into this.';
      ideas.push([SITE, id('idea', n), pick(extraProducts), n >= ideaTexts.length ? `${t.title} (again)` : t.title, t.body, t.category, status, note, status === 'new' ? null : at + 10 * DAY, `v_demoidea${n}`, pick(askerNames), at, at]);
      const votes = Math.floor(rand() ** 1.5 * 40);
      for (let v = 0; v < votes; v++) ideaVotes.push([SITE, id('idea', n), `v:v_demovoter${(n * 13 + v) % 500}`, at + v * HOUR]);
    }
    // The deflection funnel of every product: sessions end posted, deflected or abandoned.
    const dayNo = start / DAY + d;
    for (const productId of allProducts) {
      const sessions = Math.round(busy(d) * 6 * rand());
      if (!sessions) continue;
      const deflected = Math.round(sessions * (0.25 + 0.2 * rand()));
      const posted = Math.round((sessions - deflected) * 0.3);
      const abandoned = sessions - deflected - posted;
      const counts: [string, number][] = [
        ['suggestions_shown', sessions],
        ['suggestion_opened', deflected + Math.round(posted * 0.5)],
        ['deflected', deflected],
        ['question_posted', posted],
        ['abandoned', abandoned],
      ];
      for (const [kind, count] of counts) if (count > 0) deflection.push([SITE, productId, dayNo, kind, count]);
    }
  }

  // Reputation as the nightly job would find it with the default points table
  // (answer 2, accepted 15, helpful vote 1); influence is left to the job.
  const profiles: Value[][] = activityMembers.map((m, i) => {
    const s = stats.get(m.sub) ?? { answers: 0, accepted: 0, helpful: 0 };
    const points = 2 * s.answers + 15 * s.accepted + s.helpful;
    const level = points >= 100 ? 'ambassador' : points >= 25 ? 'regular' : 'newcomer';
    return [SITE, `m:${m.sub}`, `demo-profile-${i + 1}`, m.name, m.role === 'expert' ? 'expert' : 'shopper', points, level, s.answers, s.accepted, s.helpful, start, end];
  });

  return [
    `-- Demo activity: ${DAYS} days up to ${new Date(end).toISOString().slice(0, 10)} (scripts/seed-activity.ts).`,
    ...inserts('products', ['site_id', 'id', 'name', 'first_seen_at'], products),
    ...inserts('members', ['site_id', 'sub', 'name', 'email', 'role', 'first_seen_at', 'last_seen_at'], members),
    ...inserts(
      'questions',
      ['site_id', 'id', 'product_id', 'body', 'author_name', 'author_visitor', 'answer_count', 'created_at', 'visibility', 'channel', 'category', 'complaint', 'accepted_answer_id', 'conversation_id', 'order_ref'],
      questions,
    ),
    ...inserts('answers', ['site_id', 'id', 'question_id', 'body', 'author_name', 'author_sub', 'author_role', 'created_at', 'helpful_count'], answers),
    ...inserts('answer_votes', ['site_id', 'answer_id', 'voter', 'created_at'], answerVotes),
    ...inserts(
      'staff_items',
      ['site_id', 'id', 'question_id', 'product_id', 'reason', 'category', 'priority', 'status', 'shopper_key', 'sla_due_at', 'routed_at', 'first_response_at', 'resolved_at', 'updated_at'],
      items,
    ),
    ...inserts('staff_messages', ['site_id', 'id', 'item_id', 'kind', 'staff_id', 'staff_name', 'body', 'created_at'], messages),
    ...inserts(
      'conversations',
      ['site_id', 'id', 'question_id', 'channel', 'product_id', 'author_visitor', 'author_key', 'start_client_id', 'status', 'last_seq', 'shopper_read_seq', 'staff_read_seq', 'created_at', 'updated_at'],
      conversations,
    ),
    ...inserts('chat_messages', ['site_id', 'conversation_id', 'seq', 'client_id', 'sender_kind', 'sender_id', 'sender_name', 'body', 'created_at'], chatMessages),
    ...inserts('reviews', ['site_id', 'id', 'product_id', 'kind', 'rating', 'title', 'body', 'author_visitor', 'author_name', 'helpful_count', 'created_at', 'updated_at'], reviews),
    ...inserts('review_votes', ['site_id', 'review_id', 'voter', 'created_at'], reviewVotes),
    ...inserts(
      'ideas',
      ['site_id', 'id', 'product_id', 'title', 'body', 'category', 'status', 'status_note', 'status_at', 'author_visitor', 'author_name', 'created_at', 'updated_at'],
      ideas,
    ),
    ...inserts('idea_votes', ['site_id', 'idea_id', 'voter', 'created_at'], ideaVotes),
    ...inserts('deflection_events', ['site_id', 'product_id', 'day', 'kind', 'count'], deflection),
    ...inserts(
      'member_profiles',
      ['site_id', 'member_key', 'public_id', 'name', 'role', 'points', 'level', 'answer_count', 'accepted_count', 'helpful_count', 'since', 'updated_at'],
      profiles,
    ),
    // The marker last: once it exists, every statement above is skipped.
    ...inserts('staff_item_events', ['site_id', 'id', 'item_id', 'kind', 'actor', 'detail', 'created_at'], [[SITE, ACTIVITY_MARKER, id('item', 0), 'noted', 'system', 'Demo activity seeded', start]]),
  ];
}
