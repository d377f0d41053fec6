/**
 * The daily rollups (daily_stats) and questions.first_community_answer_at are caches kept by the
 * triggers of migration 0011. After a long mixed series of inserts, updates and deletes on every
 * source table — including cascades from a deleted product and a member's erasure — they must
 * equal a recount from the rows themselves.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { aProductId, aSite } from '../../fixtures/rows.ts';
import { seededRandom } from '../../fixtures/seeded-random.ts';
import * as row from './insights-helpers.ts';
import { DAY, HOUR } from './insights-helpers.ts';

const db = () => env.DB;

/** What daily_stats must hold for `siteId`, recounted from the source rows (non-zero rows only). */
async function recount(siteId: string): Promise<string[]> {
  const parts = [
    `SELECT q.created_at / 86400000 AS day, p.value AS product_id, m.value AS metric, count(*) AS value
       FROM questions q, json_each(json_array(q.product_id, '*')) p,
            json_each(json_array(CASE WHEN q.conversation_id IS NULL THEN 'question' END, CASE WHEN q.complaint = 1 THEN 'complaint' END)) m
      WHERE q.site_id = ?1 AND m.value IS NOT NULL GROUP BY 1, 2, 3`,
    `SELECT c.created_at / 86400000, p.value, 'chat', count(*) FROM conversations c, json_each(json_array(c.product_id, '*')) p WHERE c.site_id = ?1 GROUP BY 1, 2`,
    `SELECT r.created_at / 86400000, p.value, 'review', count(*) FROM reviews r, json_each(json_array(r.product_id, '*')) p
      WHERE r.site_id = ?1 AND r.source = 'widget' GROUP BY 1, 2`,
    `SELECT i.created_at / 86400000, p.value, 'idea', count(*) FROM ideas i, json_each(json_array(coalesce(i.product_id, ''), '*')) p WHERE i.site_id = ?1 GROUP BY 1, 2`,
    `SELECT s.routed_at / 86400000, p.value, 'routed:' || s.reason, count(*) FROM staff_items s, json_each(json_array(s.product_id, '*')) p WHERE s.site_id = ?1 GROUP BY 1, 2, 3`,
    `SELECT d.day, '*', 'defl:' || d.kind, sum(d.count) FROM deflection_events d WHERE d.site_id = ?1 GROUP BY 1, 3`,
  ];
  const rows: string[] = [];
  for (const sql of parts) {
    const results = await db().prepare(sql).bind(siteId).raw<[number, string, string, number]>();
    for (const [day, product, metric, value] of results) if (value !== 0) rows.push(`${day}|${product}|${metric}|${value}`);
  }
  return rows.sort();
}

async function rollup(siteId: string): Promise<string[]> {
  const results = await db()
    .prepare('SELECT day, product_id, metric, value FROM daily_stats WHERE site_id = ? AND value <> 0')
    .bind(siteId)
    .raw<[number, string, string, number]>();
  return results.map(([d, p, m, v]) => `${d}|${p}|${m}|${v}`).sort();
}

/** member_daily as a recount from answers and their questions would have it (non-zero rows only). */
async function memberRecount(siteId: string): Promise<string[]> {
  const results = await db()
    .prepare(
      `SELECT p.value, a.created_at / 86400000, CASE WHEN a.author_sub IS NOT NULL THEN 'm:' || a.author_sub ELSE 'v:' || a.author_visitor END,
              count(*), sum(q.accepted_answer_id IS a.id)
         FROM answers a JOIN questions q ON q.site_id = a.site_id AND q.id = a.question_id, json_each(json_array(q.product_id, '*')) p
        WHERE a.site_id = ? AND a.status = 'published' AND coalesce(a.author_role, '') <> 'staff' AND coalesce(a.author_sub, a.author_visitor) IS NOT NULL
        GROUP BY 1, 2, 3`,
    )
    .bind(siteId)
    .raw<[string, number, string, number, number]>();
  return results.map((r) => r.join('|')).sort();
}

async function memberRollup(siteId: string): Promise<string[]> {
  const results = await db()
    .prepare('SELECT product_id, day, member_key, answers, accepted FROM member_daily WHERE site_id = ? AND (answers <> 0 OR accepted <> 0)')
    .bind(siteId)
    .raw<[string, number, string, number, number]>();
  return results.map((r) => r.join('|')).sort();
}

async function firstAnswerMismatches(siteId: string): Promise<unknown[]> {
  const { results } = await db()
    .prepare(
      `SELECT q.id, q.first_community_answer_at AS kept,
              (SELECT min(a.created_at) FROM answers a WHERE a.site_id = q.site_id AND a.question_id = q.id
                  AND a.status = 'published' AND coalesce(a.author_role, '') <> 'staff') AS counted
         FROM questions q WHERE q.site_id = ? AND q.first_community_answer_at IS NOT
              (SELECT min(a.created_at) FROM answers a WHERE a.site_id = q.site_id AND a.question_id = q.id
                  AND a.status = 'published' AND coalesce(a.author_role, '') <> 'staff')`,
    )
    .bind(siteId)
    .all();
  return results;
}

describe('insights rollups', () => {
  it('equal a recount after a mixed series of writes, updates and deletes on every source table', async () => {
    const site = await aSite(db());
    const s = site.id;
    const products = [aProductId('r'), aProductId('r'), aProductId('r')];
    for (const p of products) await row.product(s, p, p);
    // A seeded generator: the same series every run.
    const { rand, pick } = seededRandom(9);
    const t0 = Date.UTC(2025, 5, 1);
    const when = () => t0 + Math.floor(rand() * 10 * DAY);
    const questions: { id: string; productId: string }[] = [];
    const answers: string[] = [];
    const items: string[] = [];
    const reviews: string[] = [];
    const ideas: string[] = [];
    const conversations: string[] = [];
    const reasons = ['personal', 'checkout', 'complaint', 'second_contact', 'timeout', 'not_helpful'] as const;
    const kinds = ['suggestions_shown', 'suggestion_opened', 'question_posted', 'deflected', 'abandoned'];

    for (let step = 0; step < 400; step++) {
      const op = Math.floor(rand() * 16);
      const q = questions.length ? pick(questions) : null;
      switch (op) {
        case 0:
        case 1: {
          const productId = pick(products);
          const id = await row.question(s, { productId, at: when(), visibility: rand() < 0.5 ? 'public' : 'private', complaint: rand() < 0.3 });
          questions.push({ id, productId });
          break;
        }
        case 2:
          if (q) {
            const who = rand() < 0.5 ? { sub: pick(['ann', 'bob', 'cem']) } : { visitor: pick(['v_1', 'v_2', `v_${step}`]) };
            const aid = await row.answer(s, { questionId: q.id, at: when(), ...who, role: rand() < 0.2 ? 'staff' : null, status: rand() < 0.2 ? 'held' : 'published' });
            answers.push(aid);
            // Accept it, or another answer, now and then.
            if (rand() < 0.4) await row.accept(s, q.id, rand() < 0.8 ? aid : pick(answers));
          }
          break;
        case 3:
          if (answers.length) await db().prepare('UPDATE answers SET status = ? WHERE site_id = ? AND id = ?').bind(pick(['published', 'removed', 'hidden']), s, pick(answers)).run();
          break;
        case 4:
          if (answers.length) await db().prepare('DELETE FROM answers WHERE site_id = ? AND id = ?').bind(s, answers.splice(Math.floor(rand() * answers.length), 1)[0]).run();
          break;
        case 5:
          if (q) await db().prepare('UPDATE questions SET complaint = 1 - complaint, created_at = created_at + ? WHERE site_id = ? AND id = ?').bind(Math.floor(rand() * 2 * DAY), s, q.id).run();
          break;
        case 6:
          if (q) {
            const productId = pick(products);
            await db().prepare('UPDATE questions SET product_id = ? WHERE site_id = ? AND id = ?').bind(productId, s, q.id).run();
            q.productId = productId;
          }
          break;
        case 7:
          if (q) {
            await db().prepare('DELETE FROM questions WHERE site_id = ? AND id = ?').bind(s, q.id).run();
            questions.splice(questions.indexOf(q), 1);
          }
          break;
        case 8:
          if (q) {
            const at = when();
            await db()
              .prepare('INSERT INTO staff_items (site_id, id, question_id, product_id, reason, sla_due_at, routed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
              .bind(s, `i${step}`, q.id, q.productId, pick(reasons), at + 4 * HOUR, at, at)
              .run();
            items.push(`i${step}`);
          }
          break;
        case 9:
          if (items.length) {
            const id = pick(items);
            if (rand() < 0.5) await db().prepare('UPDATE staff_items SET reason = ?, first_response_at = routed_at + 1 WHERE site_id = ? AND id = ?').bind(pick(reasons), s, id).run();
            else await db().prepare('DELETE FROM staff_items WHERE site_id = ? AND id = ?').bind(s, id).run();
          }
          break;
        case 10:
          if (q && rand() < 0.7) {
            const started = await db().prepare('SELECT 1 FROM conversations WHERE site_id = ? AND question_id = ?').bind(s, q.id).first();
            if (!started) conversations.push(await row.conversation(s, { questionId: q.id, productId: q.productId, at: when() }));
          }
          else if (conversations.length) {
            const id = conversations.splice(Math.floor(rand() * conversations.length), 1)[0]!;
            await db().batch([
              db().prepare('DELETE FROM conversations WHERE site_id = ? AND id = ?').bind(s, id),
              db().prepare('UPDATE questions SET conversation_id = NULL WHERE site_id = ? AND conversation_id = ?').bind(s, id),
            ]);
          }
          break;
        case 11:
          reviews.push(await row.review(s, { productId: pick(products), at: when(), source: rand() < 0.3 ? 'import' : 'widget' }));
          if (reviews.length > 3 && rand() < 0.5) {
            const id = pick(reviews);
            if (rand() < 0.5) await db().prepare("UPDATE reviews SET source = CASE source WHEN 'import' THEN 'widget' ELSE 'import' END, product_id = ? WHERE site_id = ? AND id = ?").bind(pick(products), s, id).run();
            else await db().prepare('DELETE FROM reviews WHERE site_id = ? AND id = ?').bind(s, id).run();
          }
          break;
        case 12:
          ideas.push(await row.idea(s, { productId: rand() < 0.3 ? null : pick(products), at: when() }));
          if (ideas.length > 2 && rand() < 0.5) {
            const id = pick(ideas);
            if (rand() < 0.5) await db().prepare('UPDATE ideas SET product_id = ? WHERE site_id = ? AND id = ?').bind(rand() < 0.5 ? null : pick(products), s, id).run();
            else await db().prepare('DELETE FROM ideas WHERE site_id = ? AND id = ?').bind(s, id).run();
          }
          break;
        case 13:
          await row.deflection(s, { productId: pick(products), day: Math.floor(when() / DAY), kind: pick(kinds), count: 1 + Math.floor(rand() * 3) });
          break;
        case 14:
          if (rand() < 0.5) await db().prepare('UPDATE deflection_events SET count = count * 2 WHERE site_id = ? AND kind = ?').bind(s, pick(kinds)).run();
          else await db().prepare('DELETE FROM deflection_events WHERE site_id = ? AND kind = ? AND product_id = ?').bind(s, pick(kinds), pick(products)).run();
          break;
        case 15:
          if (answers.length && rand() < 0.5) await db().prepare("UPDATE answers SET author_role = CASE WHEN author_role IS NULL THEN 'staff' ELSE NULL END, created_at = created_at - 1000 WHERE site_id = ? AND id = ?").bind(s, pick(answers)).run();
          // Erasure anonymises an author.
          else if (answers.length) await db().prepare('UPDATE answers SET author_sub = NULL, author_visitor = NULL, author_erased = 1 WHERE site_id = ? AND id = ?').bind(s, pick(answers)).run();
          else if (q) await db().prepare('UPDATE questions SET accepted_answer_id = NULL WHERE site_id = ? AND id = ?').bind(s, q.id).run();
          break;
      }
    }
    expect(await rollup(s)).toEqual(await recount(s));
    expect(await firstAnswerMismatches(s)).toEqual([]);
    expect(await memberRollup(s)).toEqual(await memberRecount(s));
    // And explicitly: accepting, switching the accepted answer, moving the question to another product.
    const tail = await row.question(s, { productId: products[0]!, at: t0 });
    const first = await row.answer(s, { questionId: tail, at: t0 + HOUR, sub: 'ann' });
    const second = await row.answer(s, { questionId: tail, at: t0 + DAY, visitor: 'v_1' });
    await row.accept(s, tail, first);
    await row.accept(s, tail, second);
    await db().prepare('UPDATE questions SET product_id = ? WHERE site_id = ? AND id = ?').bind(products[2], s, tail).run();
    expect(await memberRollup(s)).toEqual(await memberRecount(s));
    // Some accepted answers were counted.
    expect((await memberRollup(s)).filter((r) => Number(r.split('|')[4]) > 0).length).toBeGreaterThan(0);
    // The series reached every kind of metric.
    const metrics = new Set((await rollup(s)).map((r) => r.split('|')[2]!.replace(/:.*/, '')));
    expect([...metrics].sort()).toEqual(['chat', 'complaint', 'defl', 'idea', 'question', 'review', 'routed']);

    // A member erased in 'delete' mode takes their reviews and ideas; a deleted product cascades to its questions and reviews.
    const sub = `erased-${crypto.randomUUID()}`;
    await db().prepare("UPDATE sites SET erase_mode = 'delete' WHERE id = ?").bind(s).run();
    await db().prepare('INSERT INTO members (site_id, sub, name, role, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, 0, 0)').bind(s, sub, 'Erased', 'shopper').run();
    await db()
      .prepare(`INSERT INTO reviews (site_id, id, product_id, kind, rating, title, body, author_sub, created_at, updated_at) VALUES (?, ?, ?, 'shopper', 2, 'Meh', 'Not for me.', ?, ?, ?)`)
      .bind(s, crypto.randomUUID(), products[0], sub, t0, t0)
      .run();
    await db()
      .prepare(`INSERT INTO ideas (site_id, id, product_id, title, body, category, author_sub, created_at, updated_at) VALUES (?, ?, NULL, 'Idea', 'An idea of mine.', 'experience', ?, ?, ?)`)
      .bind(s, crypto.randomUUID(), sub, t0, t0)
      .run();
    const before = await rollup(s);
    await db().prepare('DELETE FROM members WHERE site_id = ? AND sub = ?').bind(s, sub).run();
    await db().prepare('DELETE FROM products WHERE site_id = ? AND id = ?').bind(s, products[1]).run();
    const after = await rollup(s);
    expect(after).not.toEqual(before);
    expect(after).toEqual(await recount(s));
    expect(await firstAnswerMismatches(s)).toEqual([]);
    expect(await memberRollup(s)).toEqual(await memberRecount(s));
  }, 60_000);
});
