import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Answer, ErrorBody, Question, QuestionPage } from '../../../worker/src/api-types.ts';
import {
  aProductId,
  aQuestion,
  aSite,
  anAnswer,
  type AnswerRow,
  type QuestionRow,
  type SiteRow,
} from '../../fixtures/rows.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(`https://samen.test${path}`, init);
}

const postJson = (path: string, body: unknown) =>
  call(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

const questionsPath = (siteId: string, productId: string, query = '') =>
  `/api/v1/sites/${siteId}/products/${encodeURIComponent(productId)}/questions${query}`;
const answersPath = (siteId: string, questionId: string) => `/api/v1/sites/${siteId}/questions/${questionId}/answers`;

async function listQuestions(siteId: string, productId: string, query = ''): Promise<QuestionPage> {
  const res = await call(questionsPath(siteId, productId, query));
  expect(res.status).toBe(200);
  return res.json<QuestionPage>();
}

async function listAnswers(siteId: string, questionId: string): Promise<Answer[]> {
  const res = await call(answersPath(siteId, questionId));
  expect(res.status).toBe(200);
  return (await res.json<{ answers: Answer[] }>()).answers;
}

/** Expects the response to be `status` with exactly `{ error: { code, message } }`, and no stack. */
async function expectError(res: Response, status: number, code: string): Promise<void> {
  expect(res.status).toBe(status);
  const text = await res.text();
  expect(JSON.parse(text)).toEqual({ error: { code, message: expect.any(String) } });
  expect(text).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
  expect(text).not.toContain('stack');
}

/** What a stranger (no token, no visitor id) sees of a stored post: no ids of its author, never `mine`. */
function seenByStranger<T extends QuestionRow | AnswerRow>(row: T) {
  const { siteId: _site, authorSub: _sub, authorVisitor: _visitor, authorErased, ...shown } = row;
  const community =
    'questionId' in row
      ? { helpfulCount: 0, votedHelpful: false, accepted: false, didNotHelp: false }
      : { acceptedAnswerId: null };
  return { ...shown, ...community, formerMember: authorErased, mine: false };
}

/** `count` questions on one product, their createdAt spread so some share a millisecond. */
async function manyQuestions(site: SiteRow, productId: string, count: number): Promise<QuestionRow[]> {
  const base = Date.UTC(2026, 0, 1);
  const rows: QuestionRow[] = [];
  for (let i = 0; i < count; i++) {
    // Pairs share a timestamp, so the id must break ties for the order to be total.
    rows.push(
      await aQuestion(env.DB, { site, productId, text: `Question number ${i}?`, createdAt: base + Math.floor(i / 2) }),
    );
  }
  return rows;
}

/** The order the API promises: newest first, id descending on equal times. */
const newestFirst = (rows: QuestionRow[]) =>
  [...rows].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((q) => q.id);

describe('GET /products/:product/questions', () => {
  it('answers an empty page for a product nobody asked about', async () => {
    const site = await aSite(env.DB);
    expect(await listQuestions(site.id, aProductId())).toEqual({ questions: [], nextCursor: null });
  });

  it('lists the product’s questions in the public shape, newest first', async () => {
    const site = await aSite(env.DB);
    const productId = aProductId();
    const older = await aQuestion(env.DB, { site, productId, text: 'Older question text', createdAt: 1_000 });
    const newer = await aQuestion(env.DB, {
      site,
      productId,
      text: 'Newer question text',
      authorName: 'Anna',
      answerCount: 2,
      createdAt: 2_000,
    });
    const page = await listQuestions(site.id, productId);
    expect(page).toEqual({ questions: [seenByStranger(newer), seenByStranger(older)], nextCursor: null });
  });

  it('never shows an author’s member id or visitor id', async () => {
    const site = await aSite(env.DB);
    const productId = aProductId();
    const sub = `customer-${crypto.randomUUID()}`;
    const visitor = `v_${crypto.randomUUID().replaceAll('-', '')}`;
    await aQuestion(env.DB, { site, productId, authorSub: sub, authorName: 'Anna', authorRole: 'expert' });
    await aQuestion(env.DB, { site, productId, authorVisitor: visitor });
    const res = await call(questionsPath(site.id, productId));
    const text = await res.text();
    expect(JSON.parse(text).questions).toHaveLength(2);
    expect(text).not.toContain(sub);
    expect(text).not.toContain(visitor);
  });

  it('lists only the questions of that product', async () => {
    const site = await aSite(env.DB);
    const mine = await aQuestion(env.DB, { site, productId: aProductId('mine') });
    await aQuestion(env.DB, { site, productId: aProductId('other') });
    const page = await listQuestions(site.id, mine.productId);
    expect(page.questions.map((q) => q.id)).toEqual([mine.id]);
  });

  it('pages through 25 questions 10 at a time: newest first, no duplicates, no gaps', async () => {
    const site = await aSite(env.DB);
    const productId = aProductId();
    const rows = await manyQuestions(site, productId, 25);

    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
      const page = await listQuestions(site.id, productId, query);
      pageSizes.push(page.questions.length);
      seen.push(...page.questions.map((q) => q.id));
      cursor = page.nextCursor;
    } while (cursor && pageSizes.length < 10);

    expect(pageSizes).toEqual([10, 10, 5]);
    expect(new Set(seen).size).toBe(25);
    expect(seen).toEqual(newestFirst(rows));
  });

  it('honours ?limit and ends with nextCursor null exactly on the last page', async () => {
    const site = await aSite(env.DB);
    const productId = aProductId();
    const rows = await manyQuestions(site, productId, 14);

    const first = await listQuestions(site.id, productId, '?limit=7');
    expect(first.questions).toHaveLength(7);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await listQuestions(site.id, productId, `?limit=7&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second.questions).toHaveLength(7);
    // Exactly 14 rows: the second page is the last one, not followed by an empty page.
    expect(second.nextCursor).toBeNull();
    expect([...first.questions, ...second.questions].map((q) => q.id)).toEqual(newestFirst(rows));
  });

  it('keeps later pages stable when a question is posted while paging', async () => {
    const site = await aSite(env.DB);
    const productId = aProductId();
    const rows = await manyQuestions(site, productId, 12);

    const first = await listQuestions(site.id, productId);
    expect((await postJson(questionsPath(site.id, productId), { text: 'A brand new question?' })).status).toBe(201);
    const second = await listQuestions(site.id, productId, `?cursor=${encodeURIComponent(first.nextCursor!)}`);

    expect([...first.questions, ...second.questions].map((q) => q.id)).toEqual(newestFirst(rows));
    expect(second.nextCursor).toBeNull();
  });

  it.each(['0', '51', '-1', '2.5', 'ten'])('rejects ?limit=%s with 400 invalid_input', async (limit) => {
    const site = await aSite(env.DB);
    await expectError(await call(questionsPath(site.id, 'p1', `?limit=${limit}`)), 400, 'invalid_input');
  });

  it.each(['garbage', '123', '1.not-a-uuid', `abc.${crypto.randomUUID()}`, ''])(
    'rejects ?cursor=%j with 400 invalid_cursor',
    async (cursor) => {
      const site = await aSite(env.DB);
      await expectError(
        await call(questionsPath(site.id, 'p1', `?cursor=${encodeURIComponent(cursor)}`)),
        400,
        'invalid_cursor',
      );
    },
  );

  it.each([
    ['a space', 'red shoe'],
    ['a quote', `shoe'1`],
    ['129 characters', 'p'.repeat(129)],
  ])('rejects a product id with %s with 400 invalid_product', async (_, productId) => {
    const site = await aSite(env.DB);
    await expectError(await call(questionsPath(site.id, productId)), 400, 'invalid_product');
  });
});

describe('POST /products/:product/questions', () => {
  it('answers 201 with the stored question, which the list then shows', async () => {
    const site = await aSite(env.DB);
    const productId = aProductId();
    const before = Date.now();
    const res = await postJson(questionsPath(site.id, productId), {
      text: 'Is this jacket waterproof?',
      authorName: 'Jan',
    });
    expect(res.status).toBe(201);
    const { question } = await res.json<{ question: Question }>();
    expect(question).toEqual({
      id: expect.stringMatching(UUID),
      productId,
      body: 'Is this jacket waterproof?',
      authorName: 'Jan',
      authorRole: null,
      formerMember: false,
      mine: false,
      answerCount: 0,
      acceptedAnswerId: null,
      createdAt: expect.any(Number),
    });
    expect(question.createdAt).toBeGreaterThanOrEqual(before);
    expect(await listQuestions(site.id, productId)).toEqual({ questions: [question], nextCursor: null });
  });

  it('accepts product ids with the allowed punctuation (. _ : / -)', async () => {
    const site = await aSite(env.DB);
    const productId = `sku:${crypto.randomUUID().slice(0, 8)}/v1.2_x-y`;
    const res = await postJson(questionsPath(site.id, productId), { text: 'Does it come in blue?' });
    expect(res.status).toBe(201);
    expect((await res.json<{ question: Question }>()).question.productId).toBe(productId);
    expect((await listQuestions(site.id, productId)).questions).toHaveLength(1);
  });

  it('trims the text and the name; a blank name means anonymous (null)', async () => {
    const site = await aSite(env.DB);
    const res = await postJson(questionsPath(site.id, aProductId()), {
      text: '   \n Is this waterproof?\t  ',
      authorName: '   ',
    });
    expect(res.status).toBe(201);
    const { question } = await res.json<{ question: Question }>();
    expect(question.body).toBe('Is this waterproof?');
    expect(question.authorName).toBeNull();
  });

  it('keeps markup, quotes, SQL and emoji literally', async () => {
    const site = await aSite(env.DB);
    const productId = aProductId();
    const texts = [
      '<script>alert(1)</script>',
      `Robert'); DROP TABLE questions;-- is this ok?`,
      'Past dit ook bij 👟 maat 42 & “breed”?',
    ];
    for (const text of texts) {
      const res = await postJson(questionsPath(site.id, productId), { text, authorName: '<b>Eve</b>' });
      expect(res.status).toBe(201);
      const { question } = await res.json<{ question: Question }>();
      expect(question.body).toBe(text);
      expect(question.authorName).toBe('<b>Eve</b>');
    }
    const page = await listQuestions(site.id, productId);
    expect(page.questions.map((q) => q.body).sort()).toEqual([...texts].sort());
  });

  it('creates the product row once, on the first question', async () => {
    const site = await aSite(env.DB);
    const productId = aProductId();
    const first = await postJson(questionsPath(site.id, productId), { text: 'First question here?' });
    const { question } = await first.json<{ question: Question }>();
    await postJson(questionsPath(site.id, productId), { text: 'Second question here?' });

    const { results } = await env.DB.prepare('SELECT id, first_seen_at FROM products WHERE site_id = ?')
      .bind(site.id)
      .all<{ id: string; first_seen_at: number }>();
    expect(results).toEqual([{ id: productId, first_seen_at: question.createdAt }]);
    expect((await listQuestions(site.id, productId)).questions).toHaveLength(2);
  });

  it.each([
    ['exactly 10 characters', 'x'.repeat(10), 201, null],
    ['exactly 2000 characters', 'x'.repeat(2000), 201, null],
    ['9 characters', 'x'.repeat(9), 400, 'question_too_short'],
    ['10 characters only with the padding', `   ${'x'.repeat(9)}   `, 400, 'question_too_short'],
    ['2001 characters', 'x'.repeat(2001), 400, 'question_too_long'],
  ])('text of %s → %i', async (_, text, status, code) => {
    const site = await aSite(env.DB);
    const productId = aProductId();
    const res = await postJson(questionsPath(site.id, productId), { text });
    if (code) {
      await expectError(res, status, code);
      expect((await listQuestions(site.id, productId)).questions).toEqual([]);
    } else {
      expect(res.status).toBe(status);
      expect((await res.json<{ question: Question }>()).question.body).toBe(text);
    }
  });

  it.each([
    ['a missing text', { authorName: 'Jan' }],
    ['a numeric text', { text: 12345678901 }],
    ['a null text', { text: null }],
  ])('%s answers 400 question_too_short', async (_, body) => {
    const site = await aSite(env.DB);
    await expectError(await postJson(questionsPath(site.id, aProductId()), body), 400, 'question_too_short');
  });

  it('a name of 60 characters is kept, 61 answers 400 name_too_long', async () => {
    const site = await aSite(env.DB);
    const ok = await postJson(questionsPath(site.id, aProductId()), {
      text: 'Long name question?',
      authorName: 'n'.repeat(60),
    });
    expect(ok.status).toBe(201);
    expect((await ok.json<{ question: Question }>()).question.authorName).toBe('n'.repeat(60));
    const tooLong = await postJson(questionsPath(site.id, aProductId()), {
      text: 'Long name question?',
      authorName: 'n'.repeat(61),
    });
    await expectError(tooLong, 400, 'name_too_long');
  });

  it('an invalid product id answers 400 invalid_product and stores nothing', async () => {
    const site = await aSite(env.DB);
    const res = await postJson(questionsPath(site.id, 'bad product'), { text: 'Valid question text?' });
    await expectError(res, 400, 'invalid_product');
    const row = await env.DB.prepare('SELECT COUNT(*) AS n FROM products WHERE site_id = ?')
      .bind(site.id)
      .first<{ n: number }>();
    expect(row?.n).toBe(0);
  });

  it('malformed JSON answers 400 in the error shape, without a stack', async () => {
    const site = await aSite(env.DB);
    const res = await call(questionsPath(site.id, aProductId()), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"text": "Is this waterproof?",',
    });
    await expectError(res, 400, 'bad_request');
  });

  it('a JSON array body answers 400 invalid_input', async () => {
    const site = await aSite(env.DB);
    const res = await postJson(questionsPath(site.id, aProductId()), ['Is this waterproof?']);
    await expectError(res, 400, 'invalid_input');
  });
});

describe('answers', () => {
  it('GET lists a question’s answers oldest first', async () => {
    const site = await aSite(env.DB);
    const question = await aQuestion(env.DB, { site });
    const later = await anAnswer(env.DB, { question, text: 'Second answer', createdAt: 3_000 });
    const earlier = await anAnswer(env.DB, { question, text: 'First answer', authorName: 'Piet', createdAt: 2_000 });
    const other = await aQuestion(env.DB, { site, productId: question.productId });
    await anAnswer(env.DB, { question: other, text: 'Not for this question' });

    expect(await listAnswers(site.id, question.id)).toEqual([seenByStranger(earlier), seenByStranger(later)]);
  });

  it('GET answers [] for a question without answers', async () => {
    const site = await aSite(env.DB);
    const question = await aQuestion(env.DB, { site });
    expect(await listAnswers(site.id, question.id)).toEqual([]);
  });

  it('POST answers 201 with the answer, lists it and bumps the question’s answerCount', async () => {
    const site = await aSite(env.DB);
    const question = await aQuestion(env.DB, { site });

    const first = await postJson(answersPath(site.id, question.id), { text: '  Yes, fully.  ', authorName: ' Kim ' });
    expect(first.status).toBe(201);
    const { answer } = await first.json<{ answer: Answer }>();
    expect(answer).toEqual({
      id: expect.stringMatching(UUID),
      questionId: question.id,
      body: 'Yes, fully.',
      authorName: 'Kim',
      authorRole: null,
      formerMember: false,
      mine: false,
      helpfulCount: 0,
      votedHelpful: false,
      accepted: false,
      didNotHelp: false,
      createdAt: expect.any(Number),
    });
    expect((await postJson(answersPath(site.id, question.id), { text: 'No' })).status).toBe(201);

    const answers = await listAnswers(site.id, question.id);
    expect(answers.map((a) => a.body)).toEqual(['Yes, fully.', 'No']);
    const [listed] = (await listQuestions(site.id, question.productId)).questions;
    expect(listed?.answerCount).toBe(2);
  });

  it('keeps answer markup literally', async () => {
    const site = await aSite(env.DB);
    const question = await aQuestion(env.DB, { site });
    const text = '<img src=x onerror=alert(1)> <script>alert(1)</script>';
    const res = await postJson(answersPath(site.id, question.id), { text });
    expect((await res.json<{ answer: Answer }>()).answer.body).toBe(text);
    expect((await listAnswers(site.id, question.id))[0]?.body).toBe(text);
  });

  it.each([
    ['exactly 2 characters', 'ok', 201, null],
    ['exactly 5000 characters', 'a'.repeat(5000), 201, null],
    ['1 character', 'k', 400, 'answer_too_short'],
    ['1 character with padding', '   k   ', 400, 'answer_too_short'],
    ['5001 characters', 'a'.repeat(5001), 400, 'answer_too_long'],
  ])('answer text of %s → %i', async (_, text, status, code) => {
    const site = await aSite(env.DB);
    const question = await aQuestion(env.DB, { site });
    const res = await postJson(answersPath(site.id, question.id), { text });
    if (code) {
      await expectError(res, status, code);
      expect(await listAnswers(site.id, question.id)).toEqual([]);
    } else {
      expect(res.status).toBe(status);
    }
  });

  it('an answer author name of 61 characters answers 400 name_too_long', async () => {
    const site = await aSite(env.DB);
    const question = await aQuestion(env.DB, { site });
    await expectError(
      await postJson(answersPath(site.id, question.id), { text: 'Fine answer', authorName: 'n'.repeat(61) }),
      400,
      'name_too_long',
    );
  });

  it('an unknown question answers 404 question_not_found to GET and POST', async () => {
    const site = await aSite(env.DB);
    const id = crypto.randomUUID();
    await expectError(await call(answersPath(site.id, id)), 404, 'question_not_found');
    await expectError(await postJson(answersPath(site.id, id), { text: 'Anyone?' }), 404, 'question_not_found');
  });

  it('a question id that is not a UUID answers 400 invalid_input', async () => {
    const site = await aSite(env.DB);
    await expectError(await call(answersPath(site.id, 'not-a-uuid')), 400, 'invalid_input');
  });
});

describe('site isolation', () => {
  it('a question of site A is not listed by site B for the same product id', async () => {
    const siteA = await aSite(env.DB);
    const siteB = await aSite(env.DB);
    const productId = aProductId();
    const question = await aQuestion(env.DB, { site: siteA, productId });

    expect((await listQuestions(siteA.id, productId)).questions.map((q) => q.id)).toEqual([question.id]);
    expect(await listQuestions(siteB.id, productId)).toEqual({ questions: [], nextCursor: null });
  });

  it('a question of site A cannot be read or answered through site B, even by id', async () => {
    const siteA = await aSite(env.DB);
    const siteB = await aSite(env.DB);
    const question = await aQuestion(env.DB, { site: siteA });
    await anAnswer(env.DB, { question, text: 'Answer on site A' });

    await expectError(await call(answersPath(siteB.id, question.id)), 404, 'question_not_found');
    await expectError(
      await postJson(answersPath(siteB.id, question.id), { text: 'Cross-site answer' }),
      404,
      'question_not_found',
    );

    const answers = await listAnswers(siteA.id, question.id);
    expect(answers.map((a) => a.body)).toEqual(['Answer on site A']);
    expect((await listQuestions(siteA.id, question.productId)).questions[0]?.answerCount).toBe(1);
    const stray = await env.DB.prepare('SELECT COUNT(*) AS n FROM answers WHERE site_id = ?')
      .bind(siteB.id)
      .first<{ n: number }>();
    expect(stray?.n).toBe(0);
  });

  it('a cursor from site A pages nothing of site A on site B', async () => {
    const siteA = await aSite(env.DB);
    const siteB = await aSite(env.DB);
    const productId = aProductId();
    await manyQuestions(siteA, productId, 11);
    const page = await listQuestions(siteA.id, productId);
    expect(page.nextCursor).not.toBeNull();
    const onB = await listQuestions(siteB.id, productId, `?cursor=${encodeURIComponent(page.nextCursor!)}`);
    expect(onB).toEqual({ questions: [], nextCursor: null });
  });

  it('posting the same product id on two sites creates one product row per site', async () => {
    const siteA = await aSite(env.DB);
    const siteB = await aSite(env.DB);
    const productId = aProductId();
    expect((await postJson(questionsPath(siteA.id, productId), { text: 'Question on site A?' })).status).toBe(201);
    expect((await postJson(questionsPath(siteB.id, productId), { text: 'Question on site B?' })).status).toBe(201);

    expect((await listQuestions(siteA.id, productId)).questions.map((q) => q.body)).toEqual(['Question on site A?']);
    expect((await listQuestions(siteB.id, productId)).questions.map((q) => q.body)).toEqual(['Question on site B?']);
    const { results } = await env.DB.prepare('SELECT site_id FROM products WHERE id = ? ORDER BY site_id')
      .bind(productId)
      .all<{ site_id: string }>();
    expect(results.map((r) => r.site_id)).toEqual([siteA.id, siteB.id].sort());
  });
});
