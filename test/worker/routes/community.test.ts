/**
 * Community answers through the API: search-before-ask with folded diacritics, votes,
 * acceptance, "did not help", trusted ordering, reports and automatic holds, experts' open
 * questions, structured data and the deflection funnel.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signShopToken } from '../../../worker/src/domain/shop-tokens.ts';
import { aProductId, aQuestion, aSite, anAnswer, type SiteRow } from '../../fixtures/rows.ts';

const SECRET = 'community-secret-0123456789abcdef0123';
const ORIGIN = 'https://shop.example';
const aVisitor = () => `v_${crypto.randomUUID().replaceAll('-', '')}`;

const newSite = (overrides: Partial<SiteRow> = {}) => aSite(env.DB, { origins: [ORIGIN], tokenSecret: SECRET, ...overrides });

function call(site: SiteRow, path: string, init: { method?: string; visitor?: string; token?: string; body?: unknown; raw?: string } = {}) {
  const headers: Record<string, string> = { Origin: ORIGIN, 'CF-Connecting-IP': crypto.randomUUID() };
  if (init.visitor) headers['X-Samen-Visitor'] = init.visitor;
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.raw !== undefined) headers['Content-Type'] = 'text/plain;charset=UTF-8';
  return exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
}

async function ask(site: SiteRow, product: string, text: string, visitor = aVisitor()) {
  const res = await call(site, `/products/${product}/questions`, { method: 'POST', visitor, body: { text } });
  expect(res.status).toBe(201);
  return (await res.json<{ question: { id: string }; notice: { status: string; masked: string[] } }>());
}

async function answer(site: SiteRow, questionId: string, text: string, init: { visitor?: string; token?: string } = {}) {
  const res = await call(site, `/questions/${questionId}/answers`, { method: 'POST', visitor: init.visitor ?? aVisitor(), token: init.token, body: { text } });
  expect(res.status).toBe(201);
  return (await res.json<{ answer: { id: string } }>()).answer;
}

const suggestions = async (site: SiteRow, product: string, q: string) =>
  (await (await call(site, `/products/${product}/suggestions?q=${encodeURIComponent(q)}`)).json<{ suggestions: { body: string; productId: string; topAnswer: string | null }[] }>()).suggestions;

describe('search-before-ask', () => {
  it('finds answered questions with or without accents, and as a prefix while typing', async () => {
    const site = await newSite();
    const product = aProductId();
    const cases = [
      ['Past deze jas over een dikke trui voor de café racer?', 'Ja, er is ruimte voor een dikke trui.'],
      ['Ik ben geïnteresseerd in de waterdichtheid van de rits', 'De rits is waterdicht tot 10.000 mm.'],
      ['Quelle crème pour entretenir le cuir ?', 'Une crème neutre sans silicone.'],
    ];
    for (const [q, a] of cases) {
      const asked = await ask(site, product, q ?? '');
      await answer(site, asked.question.id, a ?? '');
    }
    expect((await suggestions(site, product, 'cafe racer')).map((s) => s.body)).toEqual([cases[0]?.[0]]);
    expect((await suggestions(site, product, 'geinteresseerd')).map((s) => s.body)).toEqual([cases[1]?.[0]]);
    expect((await suggestions(site, product, 'creme cuir')).map((s) => s.body)).toEqual([cases[2]?.[0]]);
    expect((await suggestions(site, product, 'waterdi')).map((s) => s.body)).toEqual([cases[1]?.[0]]);
    // Found through the answer's words too, with the top answer's first line.
    const byAnswer = await suggestions(site, product, 'silicone');
    expect(byAnswer).toMatchObject([{ body: cases[2]?.[0], topAnswer: 'Une crème neutre sans silicone.' }]);
  });

  it('shows only answered questions, this product first, at most 5, and never another site’s', async () => {
    const site = await newSite();
    const other = await newSite();
    const product = aProductId();
    const sibling = aProductId();
    const unanswered = await ask(site, product, 'How long is the zipper of the rain jacket?');
    const elsewhere = await ask(site, sibling, 'Is the rain jacket lining breathable?');
    await answer(site, elsewhere.question.id, 'Yes, mesh lining.');
    for (let i = 0; i < 6; i++) {
      const q = await ask(site, product, `Rain jacket question number ${i}`);
      await answer(site, q.question.id, 'An answer.');
    }
    const foreign = await ask(other, product, 'Rain jacket question on another site');
    await answer(other, foreign.question.id, 'Foreign answer.');

    const found = await suggestions(site, product, 'rain jacket');
    expect(found).toHaveLength(5);
    expect(found.every((s) => s.productId === product)).toBe(true);
    expect(found.map((s) => s.body)).not.toContain('How long is the zipper of the rain jacket?');
    expect(JSON.stringify(found)).not.toContain('another site');
    const lining = await suggestions(site, product, 'lining breathable');
    expect(lining.map((s) => s.body)).toEqual(['Is the rain jacket lining breathable?']);
    expect(unanswered.question.id).toBeTruthy();
  });

  it('treats search syntax as plain words', async () => {
    const site = await newSite();
    for (const q of ['"', 'NEAR(a b)', 'a* OR b*', '-', ')(', 'body:x', '']) {
      const res = await call(site, `/products/p/suggestions?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });

  it('searches all of a product’s questions from the search box, answered or not', async () => {
    const site = await newSite();
    const product = aProductId();
    await ask(site, product, 'Does the daypack have a hydration sleeve?');
    const res = await call(site, `/products/${product}/search?q=hydration`);
    await expect(res.json()).resolves.toMatchObject({ questions: [{ body: 'Does the daypack have a hydration sleeve?' }] });
  });
});

describe('votes, acceptance and trust', () => {
  it('counts one helpful vote per voter, toggles, refuses self-votes and needs a voter id', async () => {
    const site = await newSite();
    const q = await ask(site, aProductId(), 'Is this tent really for two people?');
    const author = aVisitor();
    const a = await answer(site, q.question.id, 'Two people without luggage.', { visitor: author });
    const voter = aVisitor();
    const vote = (who: string | undefined, helpful: boolean) =>
      call(site, `/answers/${a.id}/helpful`, { method: 'PUT', visitor: who, body: { helpful } });
    await expect((await vote(voter, true)).json()).resolves.toEqual({ helpful: true, helpfulCount: 1 });
    await expect((await vote(voter, true)).json()).resolves.toEqual({ helpful: true, helpfulCount: 1 });
    await expect((await vote(aVisitor(), true)).json()).resolves.toEqual({ helpful: true, helpfulCount: 2 });
    const listed = await (await call(site, `/questions/${q.question.id}/answers`, { visitor: voter })).json<{ answers: { votedHelpful: boolean; helpfulCount: number }[] }>();
    expect(listed.answers[0]).toMatchObject({ votedHelpful: true, helpfulCount: 2 });
    await expect((await vote(voter, false)).json()).resolves.toEqual({ helpful: false, helpfulCount: 1 });
    expect((await vote(author, true)).status).toBe(403);
    const anonymous = await vote(undefined, true);
    expect(anonymous.status).toBe(400);
    await expect(anonymous.json()).resolves.toMatchObject({ error: { code: 'visitor_required' } });
  });

  it('lets only the asker accept an answer, which then comes first; experts come before votes', async () => {
    const site = await newSite();
    const product = aProductId();
    const asker = aVisitor();
    const q = await ask(site, product, 'Which size for 1.80 m and 75 kg?', asker);
    const first = await answer(site, q.question.id, 'Take M.');
    const voted = await answer(site, q.question.id, 'Take L if you layer.');
    const eva = await signShopToken({ sub: 'eva', name: 'Eva', role: 'expert', products: [product] }, site.id, SECRET);
    const expert = await answer(site, q.question.id, 'M fits most at that height; L for layering.', { token: eva });
    for (let i = 0; i < 3; i++) await call(site, `/answers/${voted.id}/helpful`, { method: 'PUT', visitor: aVisitor(), body: { helpful: true } });

    const order = async () => (await (await call(site, `/questions/${q.question.id}/answers`)).json<{ answers: { id: string; accepted: boolean }[] }>()).answers;
    expect((await order()).map((a) => a.id)).toEqual([expert.id, voted.id, first.id]);

    expect((await call(site, `/questions/${q.question.id}/accept`, { method: 'POST', visitor: aVisitor(), body: { answerId: first.id } })).status).toBe(403);
    const accepted = await call(site, `/questions/${q.question.id}/accept`, { method: 'POST', visitor: asker, body: { answerId: first.id } });
    expect(accepted.status).toBe(200);
    expect((await order())[0]).toMatchObject({ id: first.id, accepted: true });
    await call(site, `/questions/${q.question.id}/accept`, { method: 'POST', visitor: asker, body: { answerId: null } });
    expect((await order())[0]?.id).toBe(expert.id);

    const other = await ask(site, product, 'Another question entirely here');
    const foreign = await answer(site, other.question.id, 'Unrelated answer');
    expect((await call(site, `/questions/${q.question.id}/accept`, { method: 'POST', visitor: asker, body: { answerId: foreign.id } })).status).toBe(404);
  });

  it('records "this did not help" from the asker only and shows it back to the asker', async () => {
    const site = await newSite();
    const asker = aVisitor();
    const q = await ask(site, aProductId(), 'Can I wash the down jacket at home?', asker);
    const a = await answer(site, q.question.id, 'Dry clean only.');
    expect((await call(site, `/answers/${a.id}/not-helpful`, { method: 'POST', visitor: aVisitor() })).status).toBe(403);
    expect((await call(site, `/answers/${a.id}/not-helpful`, { method: 'POST', visitor: asker })).status).toBe(200);
    const mine = await (await call(site, `/questions/${q.question.id}/answers`, { visitor: asker })).json<{ answers: { didNotHelp: boolean }[] }>();
    const theirs = await (await call(site, `/questions/${q.question.id}/answers`, { visitor: aVisitor() })).json<{ answers: { didNotHelp: boolean }[] }>();
    expect(mine.answers[0]?.didNotHelp).toBe(true);
    expect(theirs.answers[0]?.didNotHelp).toBe(false);
    const stored = await env.DB.prepare('SELECT count(*) AS n FROM answer_feedback WHERE site_id = ? AND answer_id = ?').bind(site.id, a.id).first<{ n: number }>();
    expect(stored?.n).toBe(1);
  });
});

describe('moderation', () => {
  it('hides an item once the site’s threshold of distinct reporters is reached, with an audit row', async () => {
    const site = await newSite({});
    await env.DB.prepare('UPDATE sites SET report_threshold = 2 WHERE id = ?').bind(site.id).run();
    const product = aProductId();
    const q = await ask(site, product, 'Buy cheap watches at my shop now');
    const reporter = aVisitor();
    const report = (who: string) => call(site, `/questions/${q.question.id}/report`, { method: 'POST', visitor: who, body: { reason: 'spam' } });
    await expect((await report(reporter)).json()).resolves.toEqual({ reported: true, hidden: false });
    await expect((await report(reporter)).json()).resolves.toEqual({ reported: true, hidden: false });
    await expect((await report(aVisitor())).json()).resolves.toEqual({ reported: true, hidden: true });
    const list = await (await call(site, `/products/${product}/questions`)).json<{ questions: unknown[] }>();
    expect(list.questions).toEqual([]);
    const log = await env.DB.prepare("SELECT action, actor FROM moderation_log WHERE site_id = ? AND target_id = ?").bind(site.id, q.question.id).all();
    expect(log.results).toEqual([{ action: 'hidden', actor: 'system' }]);
    const bad = await call(site, `/questions/${q.question.id}/report`, { method: 'POST', visitor: aVisitor(), body: { reason: 'boring' } });
    expect(bad.status).toBe(400);
    await expect(bad.json()).resolves.toMatchObject({ error: { code: 'invalid_reason' } });
    // A hidden item cannot be reported again.
    expect((await report(aVisitor())).status).toBe(404);
  });

  it('masks personal data before publication and tells the author', async () => {
    const site = await newSite();
    const product = aProductId();
    const posted = await ask(site, product, 'Mail me at jan.jansen@example.com or call +31 6 12345678 about sizes');
    expect(posted.notice).toEqual({ status: 'published', masked: ['email', 'phone'] });
    const list = await (await call(site, `/products/${product}/questions`)).json<{ questions: { body: string }[] }>();
    expect(list.questions[0]?.body).toBe('Mail me at [email hidden] or call [phone hidden] about sizes');
    expect(JSON.stringify(list)).not.toMatch(/jan\.jansen|12345678/);
  });

  it('holds link spam and blocklisted words for review instead of publishing', async () => {
    const site = await newSite();
    await env.DB.prepare(`UPDATE sites SET blocklist = '["casino"]' WHERE id = ?`).bind(site.id).run();
    const product = aProductId();
    const spam = await ask(site, product, 'Deals: http://a.example http://b.example http://c.example');
    const blocked = await ask(site, product, 'Is there a casino discount on this jacket?');
    expect(spam.notice.status).toBe('held');
    expect(blocked.notice.status).toBe('held');
    const list = await (await call(site, `/products/${product}/questions`)).json<{ questions: unknown[] }>();
    expect(list.questions).toEqual([]);
    const held = await env.DB.prepare("SELECT reason FROM moderation_log WHERE site_id = ? AND action = 'held' ORDER BY reason").bind(site.id).all();
    expect(held.results).toEqual([{ reason: 'blocklist' }, { reason: 'links' }]);
  });
});

describe('experts', () => {
  it('see open questions on their products, longest waiting first; shoppers may not', async () => {
    const site = await newSite();
    const mine = aProductId();
    const viewing = aProductId();
    const unrelated = aProductId();
    const old = await aQuestion(env.DB, { site, productId: mine, text: 'Old unanswered question', createdAt: Date.now() - 3 * 86_400_000 });
    const fresh = await aQuestion(env.DB, { site, productId: viewing, text: 'Fresh question on the page', createdAt: Date.now() - 60_000 });
    const resolved = await aQuestion(env.DB, { site, productId: mine, text: 'Resolved question' });
    const a = await anAnswer(env.DB, { question: resolved });
    await env.DB.prepare('UPDATE questions SET accepted_answer_id = ? WHERE site_id = ? AND id = ?').bind(a.id, site.id, resolved.id).run();
    await aQuestion(env.DB, { site, productId: unrelated, text: 'Not my product' });

    const eva = await signShopToken({ sub: 'eva', name: 'Eva', role: 'expert', products: [mine] }, site.id, SECRET);
    const res = await call(site, `/open-questions?product=${viewing}`, { token: eva });
    const { questions } = await res.json<{ questions: { id: string; waitingMs: number }[] }>();
    expect(questions.map((q) => q.id)).toEqual([old.id, fresh.id]);
    expect(questions[0]?.waitingMs).toBeGreaterThan(2 * 86_400_000);

    const anna = await signShopToken({ sub: 'anna', name: 'Anna', role: 'shopper' }, site.id, SECRET);
    expect((await call(site, '/open-questions', { token: anna })).status).toBe(403);
    expect((await call(site, '/open-questions')).status).toBe(403);
  });
});

describe('structured data', () => {
  it('returns schema.org FAQPage JSON-LD for answered questions', async () => {
    const site = await newSite();
    const product = aProductId();
    const asker = aVisitor();
    const q = await ask(site, product, 'Is the hood removable?', asker);
    const a1 = await answer(site, q.question.id, 'Yes, with two snaps.');
    await answer(site, q.question.id, 'It rolls into the collar too.');
    await call(site, `/questions/${q.question.id}/accept`, { method: 'POST', visitor: asker, body: { answerId: a1.id } });
    await ask(site, product, 'Unanswered one is not included');
    const res = await call(site, `/products/${product}/qa.jsonld`);
    expect(res.headers.get('Content-Type')).toContain('application/ld+json');
    const doc = await res.json<{ '@context': string; '@type': string; mainEntity: Record<string, unknown>[] }>();
    expect(doc['@context']).toBe('https://schema.org');
    expect(doc['@type']).toBe('FAQPage');
    expect(doc.mainEntity).toHaveLength(1);
    // schema.org Question: name, answerCount, acceptedAnswer/suggestedAnswer (Answer with text).
    expect(doc.mainEntity[0]).toMatchObject({
      '@type': 'Question',
      name: 'Is the hood removable?',
      text: 'Is the hood removable?',
      answerCount: 2,
      acceptedAnswer: { '@type': 'Answer', text: 'Yes, with two snaps.', upvoteCount: 0 },
      suggestedAnswer: [{ '@type': 'Answer', text: 'It rolls into the collar too.' }],
    });
  });
});

describe('deflection funnel', () => {
  it('counts events per product and day from text/plain beacons, and refuses unknown kinds', async () => {
    const site = await newSite();
    const product = aProductId();
    for (const kind of ['suggestions_shown', 'suggestions_shown', 'suggestion_opened', 'deflected']) {
      const res = await call(site, `/products/${product}/deflection`, { method: 'POST', raw: JSON.stringify({ kind }) });
      expect(res.status).toBe(204);
    }
    const rows = await env.DB.prepare('SELECT kind, count FROM deflection_events WHERE site_id = ? AND product_id = ? ORDER BY kind').bind(site.id, product).all();
    expect(rows.results).toEqual([
      { kind: 'deflected', count: 1 },
      { kind: 'suggestion_opened', count: 1 },
      { kind: 'suggestions_shown', count: 2 },
    ]);
    const bad = await call(site, `/products/${product}/deflection`, { method: 'POST', raw: '{"kind":"email:anna@example.com"}' });
    expect(bad.status).toBe(400);
  });
});

describe('vote rate limits', () => {
  it('allow exactly 60 votes per voter per window, then 429 with Retry-After', async () => {
    const site = await newSite();
    const q = await ask(site, aProductId(), 'Which colour fades least in the sun?');
    const answers: { id: string }[] = [];
    for (let i = 0; i < 4; i++) answers.push(await answer(site, q.question.id, `Colour answer ${i}`));
    const voter = aVisitor();
    const results = await Promise.all(
      Array.from({ length: 66 }, (_, i) =>
        call(site, `/answers/${answers[i % 4]?.id}/helpful`, { method: 'PUT', visitor: voter, body: { helpful: i % 8 < 4 } }),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(60);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(6);
    expect(Number(limited[0]?.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});
