/**
 * Routing never loses or duplicates a question: 1,000 questions of mixed kinds are posted while
 * the escalation alarm and the Cron sweep run concurrently, and every question ends in exactly
 * one place — public, the staff queue, or both after escalation — with exactly one routing event.
 */
import { env, exports } from 'cloudflare:workers';
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { expect, it } from 'vitest';
import type { RoutingNotice } from '../../../worker/src/api-types.ts';
import { aProductId, aSite } from '../../fixtures/rows.ts';
import { anIp } from '../../fixtures/staff.ts';
import { escalateDue } from '../../../worker/src/domain/routing.ts';
import { sweepEscalations } from '../../../worker/src/scheduled.ts';

const TOTAL = 1000;
// Four sites keep each under the per-site posting limit (300 per 10 minutes).
const SITES = 4;
const CONCURRENCY = 20;

const KINDS = [
  { kind: 'personal', text: (n: number) => `Where is my invoice for order ${1000 + n}?` },
  { kind: 'complaint', text: (n: number) => `I want to file a complaint, this is unacceptable!! ref ${n}` },
  { kind: 'public', text: (n: number) => `Does this jacket run small, size ${n % 7}?` },
  { kind: 'public', text: (n: number) => `Is the tent warm enough for spring nights? ${n}` },
  { kind: 'checkout', text: (n: number) => `Can I still change the address of this order? ${n}` },
] as const;

interface Posted {
  siteId: string;
  id: string;
  kind: (typeof KINDS)[number]['kind'];
  routing: RoutingNotice;
}

it(
  'puts each of 1,000 questions in exactly one place with exactly one routing event, while the alarm and the sweep run',
  async () => {
    const sites = await Promise.all(Array.from({ length: SITES }, () => aSite(env.DB)));
    // Open around the clock so every deadline is near and the escalation jobs have work.
    for (const site of sites) {
      const always = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['00:00', '24:00']]]));
      await env.DB.prepare('UPDATE sites SET business_hours = ?, community_window_ms = 300000 WHERE id = ?').bind(JSON.stringify(always), site.id).run();
    }
    const products = Array.from({ length: 10 }, () => aProductId());
    const visitors = Array.from({ length: TOTAL }, () => `v_${crypto.randomUUID().replaceAll('-', '')}`);

    const posted: Posted[] = [];
    let next = 0;
    let posting = true;

    async function postOne(n: number): Promise<void> {
      const site = sites[n % SITES]!;
      const k = KINDS[n % KINDS.length]!;
      // Question n and n - 20 share site, product and kind: some shoppers ask twice (second contacts).
      const visitor = visitors[n % 40 >= 20 && n % 3 === 0 ? n - 20 : n]!;
      const path =
        k.kind === 'checkout' ? `/api/v1/sites/${site.id}/checkout/questions` : `/api/v1/sites/${site.id}/products/${products[n % products.length]}/questions`;
      const body = k.kind === 'checkout' ? { text: k.text(n), orderRef: `NK-${n}` } : { text: k.text(n) };
      const res = await exports.default.fetch(`https://samen.test${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Samen-Visitor': visitor, 'CF-Connecting-IP': anIp() },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const { question, routing } = await res.json<{ question: { id: string }; routing: RoutingNotice }>();
      posted.push({ siteId: site.id, id: question.id, kind: k.kind, routing });
    }

    async function poster(): Promise<void> {
      while (next < TOTAL) await postOne(next++);
    }

    // The escalation jobs, racing the posts: deadlines of half the waiting questions are pulled into the
    // past, then the site alarms and the cross-site sweep both try to route them.
    async function escalator(): Promise<void> {
      while (posting) {
        await env.DB.prepare('UPDATE questions SET escalate_at = 1 WHERE escalate_at IS NOT NULL AND site_id IN (SELECT value FROM json_each(?)) AND rowid % 2 = 0')
          .bind(JSON.stringify(sites.map((s) => s.id)))
          .run();
        await Promise.all([
          ...sites.map(async (site) => {
            const stub = env.SITE_INBOX.get(env.SITE_INBOX.idFromName(site.id));
            await runInDurableObject(stub, (_o, state) => state.storage.setAlarm(Date.now() + 60_000));
            await runDurableObjectAlarm(stub);
          }),
          sweepEscalations(env),
          escalateDue(env.DB, sites[0]!.id, Date.now()),
        ]);
      }
    }

    const started = performance.now();
    const escalating = escalator();
    await Promise.all(Array.from({ length: CONCURRENCY }, poster));
    posting = false;
    await escalating;
    // One last round after the posts, as the next alarm would.
    await sweepEscalations(env);
    const seconds = (performance.now() - started) / 1000;

    expect(posted).toHaveLength(TOTAL);
    expect(new Set(posted.map((p) => p.id)).size).toBe(TOTAL);

    const siteIds = JSON.stringify(sites.map((s) => s.id));
    const { results: rows } = await env.DB.prepare(
      `SELECT q.site_id, q.id, q.visibility, q.escalate_at,
              (SELECT count(*) FROM staff_items i WHERE i.site_id = q.site_id AND i.question_id = q.id) AS items,
              (SELECT count(*) FROM staff_item_events e JOIN staff_items i ON i.site_id = e.site_id AND i.id = e.item_id
                WHERE i.site_id = q.site_id AND i.question_id = q.id AND e.kind = 'routed') AS routed,
              (SELECT reason FROM staff_items i WHERE i.site_id = q.site_id AND i.question_id = q.id) AS reason
         FROM questions q WHERE q.site_id IN (SELECT value FROM json_each(?))`,
    )
      .bind(siteIds)
      .all<{ site_id: string; id: string; visibility: string; escalate_at: number | null; items: number; routed: number; reason: string | null }>();
    expect(rows).toHaveLength(TOTAL);
    const byId = new Map(rows.map((r) => [r.id, r]));

    const places = { public: 0, staff: 0, both: 0 };
    for (const p of posted) {
      const row = byId.get(p.id)!;
      expect(row.items, p.id).toBeLessThanOrEqual(1);
      expect(row.routed, p.id).toBe(row.items);
      if (p.kind === 'public') {
        expect(row.visibility).toBe('public');
        // Either still waiting for the community, or with staff (timeout, second contact): never neither.
        expect(row.items === 1 || row.escalate_at !== null, p.id).toBe(true);
        if (row.items) places.both++;
        else places.public++;
      } else {
        expect(row.visibility, p.kind).toBe('private');
        expect(row.items, p.kind).toBe(1);
        expect(p.routing.visibility).toBe('private');
        places.staff++;
      }
    }
    // Everything due has been routed by the last sweep.
    const { results: stillDue } = await env.DB.prepare(
      'SELECT id FROM questions WHERE site_id IN (SELECT value FROM json_each(?)) AND escalate_at IS NOT NULL AND escalate_at <= ?',
    )
      .bind(siteIds, Date.now())
      .all();
    expect(stillDue).toEqual([]);
    expect(places.both).toBeGreaterThan(0);
    const reasons = new Set(rows.map((r) => r.reason));
    expect([...reasons]).toEqual(expect.arrayContaining(['personal', 'complaint', 'checkout', 'timeout', 'second_contact']));
    console.log(
      `routing no-loss: ${TOTAL} questions in ${seconds.toFixed(1)} s with escalation racing; public only ${places.public}, staff only ${places.staff}, both ${places.both}`,
    );
  },
  120_000,
);
