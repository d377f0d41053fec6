/**
 * The idea board through the widget API: sharing an idea (screened, rate limited), the top / new /
 * done lists per product and site, similar-idea search, one vote per shopper, comments, merged
 * and held ideas, the site switch, and that one site never sees another's ideas.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { IdeaSummary } from '../../../worker/src/idea-types.ts';
import { aProductId } from '../../fixtures/rows.ts';
import {
  aVisitor,
  anIdea,
  anIdeaSite,
  call,
  detail,
  expectError,
  goodIdea,
  list,
  recount,
  shareIdea,
  shopperToken,
  vote,
} from './ideas-helpers.ts';

const similar = async (site: { id: string }, q: string, product?: string) => {
  const res = await call(site, `/ideas/similar?q=${encodeURIComponent(q)}${product ? `&product=${product}` : ''}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ ideas: IdeaSummary[] }>()).ideas;
};

describe('sharing an idea', () => {
  it('stores it for a visitor, shows it on the board and in its detail, and never exposes who wrote it', async () => {
    const site = await anIdeaSite();
    const product = aProductId();
    const author = aVisitor();
    const { idea, notice } = await shareIdea(site, { productId: product, name: 'Piet' }, { visitor: author });
    expect(notice).toEqual({ status: 'published', masked: [] });
    expect(idea).toEqual({
      id: expect.any(String),
      title: 'Offer the rain jacket in petite sizes',
      body: 'The sleeves are always too long for me; a petite fit would be great.',
      category: 'product',
      productId: product,
      status: 'new',
      statusNote: null,
      statusAt: null,
      voteCount: 0,
      commentCount: 0,
      voted: false,
      mine: true,
      authorName: 'Piet',
      formerMember: false,
      mergedInto: null,
      createdAt: expect.any(Number),
    });
    const board = await list(site, `?product=${product}`);
    expect(board.ideas.map((i) => [i.id, i.mine])).toEqual([[idea.id, false]]);
    expect(JSON.stringify(board)).not.toContain(author);
    const seen = await detail(site, idea.id, { visitor: author });
    expect(seen).toEqual({ idea: { ...idea, mine: true }, comments: [] });
    expect((await detail(site, idea.id)).idea.mine).toBe(false);
  });

  it('posts a member under the shop’s name, site-wide when no product is given', async () => {
    const site = await anIdeaSite();
    const token = await shopperToken(site, 'cust-idea', 'Anna de Vries');
    const { idea } = await shareIdea(site, { category: 'experience', name: 'Someone else' }, { token });
    expect(idea).toMatchObject({ productId: null, category: 'experience', authorName: 'Anna de Vries', mine: true });
    expect((await detail(site, idea.id, { token })).idea.mine).toBe(true);
    const stored = await env.DB.prepare('SELECT author_sub, author_visitor FROM ideas WHERE site_id = ? AND id = ?').bind(site.id, idea.id).first();
    expect(stored).toEqual({ author_sub: 'cust-idea', author_visitor: null });
  });

  it.each([
    ['a short title', { title: 'Tiny' }, 'idea_title_too_short'],
    ['a missing title', { title: undefined }, 'idea_title_too_short'],
    ['a long title', { title: 'x'.repeat(121) }, 'idea_title_too_long'],
    ['a short description', { body: 'Too short' }, 'idea_body_too_short'],
    ['a long description', { body: 'x'.repeat(2001) }, 'idea_body_too_long'],
    ['an unknown category', { category: 'pricing' }, 'invalid_idea_category'],
    ['a bad product id', { productId: 'no spaces allowed' }, 'invalid_product'],
    ['a long name', { name: 'n'.repeat(61) }, 'name_too_long'],
  ])('refuses %s with its code', async (_, change, code) => {
    const site = await anIdeaSite();
    await expectError(call(site, '/ideas', { method: 'POST', visitor: aVisitor(), body: { ...goodIdea(), ...change } }), 400, code);
    const n = await env.DB.prepare('SELECT count(*) AS n FROM ideas WHERE site_id = ?').bind(site.id).first<{ n: number }>();
    expect(n?.n).toBe(0);
  });

  it('masks personal data, holds blocklisted ideas for review and shows them only to their author', async () => {
    const site = await anIdeaSite();
    await env.DB.prepare(`UPDATE sites SET blocklist = '["casino"]' WHERE id = ?`).bind(site.id).run();
    const { idea, notice } = await shareIdea(site, { body: 'Mail me at anna@example.com when the petite fit is there.' });
    expect(notice).toEqual({ status: 'published', masked: ['email'] });
    expect(idea.body).toBe('Mail me at [email hidden] when the petite fit is there.');

    const author = aVisitor();
    const held = await shareIdea(site, { title: 'Free casino chips with every order' }, { visitor: author });
    expect(held.notice.status).toBe('held');
    expect((await list(site, '?sort=new')).ideas.map((i) => i.id)).toEqual([idea.id]);
    expect((await detail(site, held.idea.id, { visitor: author })).idea.title).toBe('Free casino chips with every order');
    await expectError(call(site, `/ideas/${held.idea.id}`, { visitor: aVisitor() }), 404, 'idea_not_found');
    await expectError(vote(site, held.idea.id, author), 409, 'idea_held');
    expect(await similar(site, 'casino')).toEqual([]);
  });

  it('keeps markup as plain text', async () => {
    const site = await anIdeaSite();
    const title = '<img src=x onerror=alert(1)> petite';
    const body = '<script>alert("x")</script> & "quotes" \u202E';
    const { idea } = await shareIdea(site, { title, body });
    const res = await call(site, `/ideas/${idea.id}`);
    expect(res.headers.get('Content-Type')).toContain('application/json');
    expect((await res.json<{ idea: { title: string; body: string } }>()).idea).toMatchObject({ title, body });
    const stored = await env.DB.prepare('SELECT title, body FROM ideas WHERE site_id = ? AND id = ?').bind(site.id, idea.id).first();
    expect(stored).toEqual({ title, body });
  });

  it('allows 5 ideas per shopper per window, then 429 with Retry-After', async () => {
    const site = await anIdeaSite();
    const visitor = aVisitor();
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) => call(site, '/ideas', { method: 'POST', visitor, body: goodIdea({ title: `Petite sizes, idea ${i}` }) })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 429, 429]);
    expect(results.find((r) => r.status === 429)?.headers.get('Retry-After')).toMatch(/^\d+$/);
  });
});

describe('the board', () => {
  it('shows a product’s ideas with the site-wide ones; the whole site without a product', async () => {
    const site = await anIdeaSite();
    const [a, b] = [aProductId(), aProductId()];
    const forA = await anIdea(site, { productId: a });
    const forB = await anIdea(site, { productId: b });
    const siteWide = await anIdea(site, { productId: null });
    expect((await list(site, `?product=${a}`)).ideas.map((i) => i.id).sort()).toEqual([forA, siteWide].sort());
    expect((await list(site, `?product=${b}`)).ideas.map((i) => i.id).sort()).toEqual([forB, siteWide].sort());
    expect((await list(site)).ideas.map((i) => i.id).sort()).toEqual([forA, forB, siteWide].sort());
  });

  it('sorts top by votes, new by date, done by when it was done; declined and merged ideas are in no list', async () => {
    const site = await anIdeaSite();
    const t = Date.now();
    const old = await anIdea(site, { createdAt: t - 3000 });
    const popular = await anIdea(site, { createdAt: t - 2000 });
    const fresh = await anIdea(site, { createdAt: t - 1000, status: 'planned' });
    const doneEarly = await anIdea(site, { createdAt: t - 5000, status: 'done', statusAt: t - 500 });
    const doneLate = await anIdea(site, { createdAt: t - 6000, status: 'done', statusAt: t - 100 });
    await anIdea(site, { status: 'declined' });
    const merged = await anIdea(site);
    await env.DB.prepare('UPDATE ideas SET merged_into = ? WHERE site_id = ? AND id = ?').bind(popular, site.id, merged).run();
    for (let i = 0; i < 2; i++) await vote(site, popular, aVisitor());
    await vote(site, old, aVisitor());

    expect((await list(site, '?sort=top')).ideas.map((i) => [i.id, i.voteCount])).toEqual([
      [popular, 2],
      [old, 1],
      [fresh, 0],
    ]);
    expect((await list(site)).ideas.map((i) => i.id)).toEqual([popular, old, fresh]);
    expect((await list(site, '?sort=new')).ideas.map((i) => i.id)).toEqual([fresh, popular, old]);
    expect((await list(site, '?sort=done')).ideas.map((i) => i.id)).toEqual([doneLate, doneEarly]);
  });

  it('pages through with a cursor that fits only its own list', async () => {
    const site = await anIdeaSite();
    const t = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await anIdea(site, { createdAt: t - i * 10 }));
    for (const id of ids.slice(0, 3)) await vote(site, id, aVisitor());
    for (const sort of ['top', 'new']) {
      const first = await list(site, `?sort=${sort}`);
      expect(first.ideas).toHaveLength(20);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await list(site, `?sort=${sort}&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
      expect(second.nextCursor).toBeNull();
      const seen = [...first.ideas, ...second.ideas].map((i) => i.id);
      expect(new Set(seen).size).toBe(25);
      expect(seen.sort()).toEqual([...ids].sort());
    }
    const top = await list(site, '?sort=top');
    await expectError(call(site, `/ideas?sort=new&cursor=${encodeURIComponent(top.nextCursor ?? '')}`), 400, 'invalid_cursor');
    await expectError(call(site, '/ideas?cursor=nonsense'), 400, 'invalid_cursor');
    await expectError(call(site, '/ideas?sort=hot'), 400, 'invalid_idea_sort');
    await expectError(call(site, '/ideas?product=no%20spaces'), 400, 'invalid_product');
  });

  it('marks the ideas the viewer voted for', async () => {
    const site = await anIdeaSite();
    const id = await anIdea(site);
    const other = await anIdea(site);
    const voter = aVisitor();
    await vote(site, id, voter);
    const seen = (await list(site, '', { visitor: voter })).ideas;
    expect(seen.find((i) => i.id === id)?.voted).toBe(true);
    expect(seen.find((i) => i.id === other)?.voted).toBe(false);
    expect((await detail(site, id, { visitor: voter })).idea.voted).toBe(true);
    expect((await detail(site, id)).idea.voted).toBe(false);
  });
});

describe('similar ideas before sharing', () => {
  it('finds ideas with or without accents and by prefix, this product’s and the site-wide ones, at most 5', async () => {
    const site = await anIdeaSite();
    const [product, sibling] = [aProductId(), aProductId()];
    const creme = await anIdea(site, { productId: product, title: 'Une crème pour le cuir', body: 'Vendre une crème neutre.' });
    const wide = await anIdea(site, { productId: null, title: 'Gift wrapping at checkout', body: 'Wrap presents in recycled paper.' });
    const elsewhere = await anIdea(site, { productId: sibling, title: 'Gift cards for the cuir line', body: 'Gift cards please.' });
    expect((await similar(site, 'creme', product)).map((i) => i.id)).toEqual([creme]);
    expect((await similar(site, 'wrapp', product)).map((i) => i.id)).toEqual([wide]);
    expect((await similar(site, 'cuir', product)).map((i) => i.id)).toEqual([creme]);
    expect((await similar(site, 'cuir')).map((i) => i.id).sort()).toEqual([creme, elsewhere].sort());
    expect(await similar(site, 'gift', product)).toEqual([{ id: wide, title: 'Gift wrapping at checkout', status: 'new', voteCount: 0 }]);

    for (let i = 0; i < 7; i++) await anIdea(site, { productId: product, title: `Petite sizes number ${i}` });
    expect(await similar(site, 'petite sizes', product)).toHaveLength(5);
  });

  it('leaves out merged ideas and other sites’ ideas, and treats search syntax as plain words', async () => {
    const site = await anIdeaSite();
    const other = await anIdeaSite();
    const kept = await anIdea(site, { title: 'Bamboo socks in the shop' });
    const dup = await anIdea(site, { title: 'Sell bamboo socks' });
    await env.DB.prepare('UPDATE ideas SET merged_into = ? WHERE site_id = ? AND id = ?').bind(kept, site.id, dup).run();
    await anIdea(other, { title: 'Bamboo socks elsewhere' });
    expect((await similar(site, 'bamboo')).map((i) => i.id)).toEqual([kept]);
    for (const q of ['"', 'NEAR(a b)', 'a* OR b*', '-', ')(', 'scope:x', '']) {
      expect((await call(site, `/ideas/similar?q=${encodeURIComponent(q)}`)).status, q).toBe(200);
    }
  });
});

describe('votes', () => {
  it('counts one vote per shopper, idempotently both ways, and needs an identity', async () => {
    const site = await anIdeaSite();
    const id = await anIdea(site);
    const voter = aVisitor();
    await expect((await vote(site, id, voter)).json()).resolves.toEqual({ voted: true, voteCount: 1 });
    await expect((await vote(site, id, voter)).json()).resolves.toEqual({ voted: true, voteCount: 1 });
    await expect((await vote(site, id, aVisitor())).json()).resolves.toEqual({ voted: true, voteCount: 2 });
    await expect((await vote(site, id, voter, false)).json()).resolves.toEqual({ voted: false, voteCount: 1 });
    await expect((await vote(site, id, voter, false)).json()).resolves.toEqual({ voted: false, voteCount: 1 });
    const token = await shopperToken(site);
    const member = await call(site, `/ideas/${id}/vote`, { method: 'PUT', token });
    await expect(member.json()).resolves.toEqual({ voted: true, voteCount: 2 });
    await expectError(vote(site, id, undefined), 400, 'visitor_required');
    await expectError(call(site, `/ideas/${id}/vote`, { method: 'PUT', visitor: 'not-a-visitor-id' }), 400, 'invalid_visitor');
    await expectError(vote(site, crypto.randomUUID(), voter), 404, 'idea_not_found');
    await expectError(vote(site, 'not-a-uuid', voter), 400, 'invalid_input');
    expect(await recount(site, id)).toMatchObject({ stored: 2, votes: 2 });
  });

  it('stays at one vote when the same shopper votes many times at once', async () => {
    const site = await anIdeaSite();
    const id = await anIdea(site);
    const voter = aVisitor();
    const results = await Promise.all(Array.from({ length: 8 }, () => vote(site, id, voter)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(await recount(site, id)).toMatchObject({ stored: 1, votes: 1 });
    await Promise.all(Array.from({ length: 4 }, () => vote(site, id, voter, false)));
    expect(await recount(site, id)).toMatchObject({ stored: 0, votes: 0 });
  });
});

describe('comments', () => {
  it('adds comments to the idea’s detail, counted exactly, with codes for bad input', async () => {
    const site = await anIdeaSite();
    const id = await anIdea(site);
    const author = aVisitor();
    const res = await call(site, `/ideas/${id}/comments`, { method: 'POST', visitor: author, body: { body: 'Yes please, for me too!', name: 'Kim' } });
    expect(res.status, await res.clone().text()).toBe(201);
    const posted = await res.json<{ comment: { id: string }; notice: unknown }>();
    expect(posted).toEqual({
      comment: { id: expect.any(String), body: 'Yes please, for me too!', authorName: 'Kim', authorRole: null, formerMember: false, mine: true, createdAt: expect.any(Number) },
      notice: { status: 'published', masked: [] },
    });
    const token = await shopperToken(site, 'cust-comment', 'Anna de Vries');
    await call(site, `/ideas/${id}/comments`, { method: 'POST', token, body: { body: 'Call me on 06-12345678 about it' } });
    const seen = await detail(site, id, { visitor: author });
    expect(seen.idea.commentCount).toBe(2);
    expect(seen.comments.map((c) => [c.body, c.authorName, c.mine])).toEqual([
      ['Yes please, for me too!', 'Kim', true],
      ['Call me on [phone hidden] about it', 'Anna de Vries', false],
    ]);
    expect(await recount(site, id)).toMatchObject({ storedComments: 2, comments: 2 });

    await expectError(call(site, `/ideas/${id}/comments`, { method: 'POST', visitor: author, body: { body: 'x' } }), 400, 'idea_comment_too_short');
    await expectError(call(site, `/ideas/${id}/comments`, { method: 'POST', visitor: author, body: { body: 'x'.repeat(1001) } }), 400, 'idea_comment_too_long');
    await expectError(call(site, `/ideas/${id}/comments`, { method: 'POST', visitor: author, body: {} }), 400, 'idea_comment_too_short');
    await expectError(call(site, `/ideas/${crypto.randomUUID()}/comments`, { method: 'POST', visitor: author, body: { body: 'Hello there' } }), 404, 'idea_not_found');
  });

  it('sends votes and comments on a merged idea to the idea it was merged into', async () => {
    const site = await anIdeaSite();
    const kept = await anIdea(site);
    const dup = await anIdea(site);
    await env.DB.prepare('UPDATE ideas SET merged_into = ? WHERE site_id = ? AND id = ?').bind(kept, site.id, dup).run();
    expect((await detail(site, dup)).idea.mergedInto).toBe(kept);
    await expectError(vote(site, dup, aVisitor()), 409, 'idea_merged');
    await expectError(call(site, `/ideas/${dup}/comments`, { method: 'POST', visitor: aVisitor(), body: { body: 'Me too' } }), 409, 'idea_merged');
  });
});

describe('site switch and scoping', () => {
  it('answers 404 ideas_disabled on every widget route while the board is off, and says so in the site info', async () => {
    const site = await anIdeaSite();
    const id = await anIdea(site);
    expect((await (await call(site, '')).json<{ site: { ideas: boolean } }>()).site.ideas).toBe(true);
    await env.DB.prepare('UPDATE sites SET ideas_enabled = 0 WHERE id = ?').bind(site.id).run();
    expect((await (await call(site, '')).json<{ site: { ideas: boolean } }>()).site.ideas).toBe(false);
    const visitor = aVisitor();
    for (const [method, path, body] of [
      ['GET', '/ideas', undefined],
      ['GET', '/ideas/similar?q=idea', undefined],
      ['POST', '/ideas', goodIdea()],
      ['GET', `/ideas/${id}`, undefined],
      ['PUT', `/ideas/${id}/vote`, undefined],
      ['DELETE', `/ideas/${id}/vote`, undefined],
      ['POST', `/ideas/${id}/comments`, { body: 'A comment' }],
    ] as const) {
      await expectError(call(site, path, { method, visitor, body }), 404, 'ideas_disabled');
    }
    expect(await recount(site, id)).toMatchObject({ stored: 0, votes: 0 });
  });

  it('never shows or changes another site’s idea', async () => {
    const site = await anIdeaSite();
    const other = await anIdeaSite();
    const theirs = await anIdea(other, { title: 'Their secret idea' });
    await expectError(call(site, `/ideas/${theirs}`), 404, 'idea_not_found');
    await expectError(vote(site, theirs, aVisitor()), 404, 'idea_not_found');
    await expectError(call(site, `/ideas/${theirs}/comments`, { method: 'POST', visitor: aVisitor(), body: { body: 'Sneaky comment' } }), 404, 'idea_not_found');
    expect(JSON.stringify(await list(site))).not.toContain('Their secret idea');
    expect(await recount(other, theirs)).toMatchObject({ stored: 0, votes: 0, comments: 0 });
  });
});
