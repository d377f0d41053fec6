/**
 * The console's moderation queue: what it lists, what approve / remove / restore do to the item,
 * its answer count and the audit log, and who may do it on which site.
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type {
  ConsoleModerationItem,
  ConsoleModerationLogEntry,
  ConsoleSiteSettings,
} from '../../../worker/src/routes/console-types.ts';
import { fileReport, logModerationStatement, type ModerationAction } from '../../../worker/src/db/community.ts';
import { aQuestion, aSite, anAnswer, type AnswerRow, type QuestionRow, type SiteRow } from '../../fixtures/rows.ts';
import { aSession, aStaffMember, consoleCall, type ConsoleCall } from '../../fixtures/staff.ts';

const call = (path: string, init?: ConsoleCall) => consoleCall(exports.default, path, init);

async function expectError(res: Response, status: number, code: string | string[]): Promise<void> {
  expect(res.status, await res.clone().text()).toBe(status);
  const body = await res.json<{ error: { code: string; message: string } }>();
  expect(body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  expect([code].flat()).toContain(body.error.code);
}

/** A site with a signed-in owner and agent. */
async function world() {
  const site = await aSite(env.DB, { origins: ['https://shop.example'] });
  const ownerRow = await aStaffMember(env.DB, { site, role: 'owner', name: 'Olga Owner' });
  const agentRow = await aStaffMember(env.DB, { site, role: 'agent', name: 'Arjen Agent' });
  const owner = { ...ownerRow, cookie: (await aSession(env.DB, { staff: ownerRow })).cookie };
  const agent = { ...agentRow, cookie: (await aSession(env.DB, { staff: agentRow })).cookie };
  return { site, owner, agent };
}

type Target = { kind: 'question'; row: QuestionRow } | { kind: 'answer'; row: AnswerRow };

/** Puts an item into `status` as the API would, with the audit row the API writes. */
async function setStatus(target: Target, status: 'held' | 'hidden' | 'removed', reason: string, at = Date.now()): Promise<void> {
  const table = target.kind === 'question' ? 'questions' : 'answers';
  const action: ModerationAction = status;
  const statements = [
    env.DB.prepare(`UPDATE ${table} SET status = ? WHERE site_id = ? AND id = ?`).bind(status, target.row.siteId, target.row.id),
    logModerationStatement(env.DB, target.row.siteId, { targetType: target.kind, targetId: target.row.id, action, actor: 'system', reason }, at),
  ];
  // As the API keeps it: only published answers count.
  if (target.kind === 'answer') {
    statements.push(
      env.DB.prepare('UPDATE questions SET answer_count = answer_count - 1 WHERE site_id = ? AND id = ?').bind(target.row.siteId, target.row.questionId),
    );
  }
  await env.DB.batch(statements);
}

const statusOf = async (table: 'questions' | 'answers', site: SiteRow, id: string) =>
  (await env.DB.prepare(`SELECT status FROM ${table} WHERE site_id = ? AND id = ?`).bind(site.id, id).first<{ status: string }>())?.status;

const answerCountOf = async (site: SiteRow, questionId: string) =>
  (await env.DB.prepare('SELECT answer_count FROM questions WHERE site_id = ? AND id = ?').bind(site.id, questionId).first<{ answer_count: number }>())
    ?.answer_count;

const publishedAnswers = async (site: SiteRow, questionId: string) =>
  (
    await env.DB.prepare("SELECT count(*) AS n FROM answers WHERE site_id = ? AND question_id = ? AND status = 'published'")
      .bind(site.id, questionId)
      .first<{ n: number }>()
  )?.n;

const auditOf = async (site: SiteRow, id: string) =>
  (
    await env.DB.prepare('SELECT target_type, action, actor, reason FROM moderation_log WHERE site_id = ? AND target_id = ? ORDER BY created_at, rowid')
      .bind(site.id, id)
      .all()
  ).results;

const queue = async (cookie: string) => {
  const res = await call('/moderation', { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ items: ConsoleModerationItem[] }>()).items;
};

const decide = (cookie: string, type: string, id: string, body: unknown) => call(`/moderation/${type}/${id}`, { method: 'POST', cookie, body });

describe('GET /moderation', () => {
  it('lists the held, hidden and removed items of the session’s site only, newest first, with report count and last reason', async () => {
    const { site, owner } = await world();
    const product = `p-${crypto.randomUUID().slice(0, 8)}`;
    const heldQuestion = await aQuestion(env.DB, { site, productId: product, text: 'Casino deals on jackets?', authorName: 'Kim', createdAt: 1_000 });
    await setStatus({ kind: 'question', row: heldQuestion }, 'held', 'blocklist');
    const published = await aQuestion(env.DB, { site, productId: product, text: 'Is it waterproof?', createdAt: 2_000 });
    const hiddenAnswer = await anAnswer(env.DB, { question: published, text: 'Spam spam spam', createdAt: 3_000 });
    await anAnswer(env.DB, { question: published, text: 'Yes, fully.', createdAt: 3_500 });
    await env.DB.prepare('UPDATE answers SET report_count = 3 WHERE site_id = ? AND id = ?').bind(site.id, hiddenAnswer.id).run();
    await setStatus({ kind: 'answer', row: hiddenAnswer }, 'hidden', 'reported by 3 shoppers');
    const removed = await aQuestion(env.DB, { site, productId: product, text: 'Removed question?', createdAt: 4_000 });
    await setStatus({ kind: 'question', row: removed }, 'removed', 'Off-topic.');

    // Another site's held item never shows.
    const other = await aSite(env.DB);
    const elsewhere = await aQuestion(env.DB, { site: other, text: 'Another shop’s held question' });
    await setStatus({ kind: 'question', row: elsewhere }, 'held', 'links');

    const items = await queue(owner.cookie);
    expect(items).toEqual([
      {
        targetType: 'question',
        id: removed.id,
        questionId: removed.id,
        productId: product,
        body: 'Removed question?',
        authorName: null,
        status: 'removed',
        reportCount: 0,
        createdAt: 4_000,
        lastReason: 'Off-topic.',
      },
      {
        targetType: 'answer',
        id: hiddenAnswer.id,
        questionId: published.id,
        productId: product,
        body: 'Spam spam spam',
        authorName: null,
        status: 'hidden',
        reportCount: 3,
        createdAt: 3_000,
        lastReason: 'reported by 3 shoppers',
      },
      {
        targetType: 'question',
        id: heldQuestion.id,
        questionId: heldQuestion.id,
        productId: product,
        body: 'Casino deals on jackets?',
        authorName: 'Kim',
        status: 'held',
        reportCount: 0,
        createdAt: 1_000,
        lastReason: 'blocklist',
      },
    ] satisfies ConsoleModerationItem[]);
    expect(JSON.stringify(items)).not.toContain(elsewhere.id);
  });

  it('is open to agents; without a session it is 401', async () => {
    const { agent } = await world();
    expect(await queue(agent.cookie)).toEqual([]);
    await expectError(await call('/moderation'), 401, 'not_signed_in');
  });
});

describe('POST /moderation/:type/:id', () => {
  it('approve publishes a hidden answer; the question’s answer count follows its published answers', async () => {
    const { site, owner } = await world();
    const question = await aQuestion(env.DB, { site });
    const answer = await anAnswer(env.DB, { question });
    await anAnswer(env.DB, { question });
    // Reported past the threshold through the real path: hidden, and no longer counted.
    for (const reporter of ['v:a', 'v:b']) {
      await fileReport(env.DB, site.id, { targetType: 'answer', targetId: answer.id, reporter, reason: 'spam' }, 2, Date.now());
    }
    expect(await statusOf('answers', site, answer.id)).toBe('hidden');
    expect(await answerCountOf(site, question.id)).toBe(1);

    const res = await decide(owner.cookie, 'answer', answer.id, { action: 'approve', reason: 'Not spam: a real owner’s tip.' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ status: 'published' });
    expect(await statusOf('answers', site, answer.id)).toBe('published');
    expect(await answerCountOf(site, question.id)).toBe(2);
    expect(await answerCountOf(site, question.id)).toBe(await publishedAnswers(site, question.id));
    expect((await auditOf(site, answer.id)).at(-1)).toEqual({
      target_type: 'answer',
      action: 'approved',
      actor: `staff:${owner.id}`,
      reason: 'Not spam: a real owner’s tip.',
    });
    expect(await queue(owner.cookie)).toEqual([]);

    // The approval answered the earlier reports: one new report does not hide it again.
    await fileReport(env.DB, site.id, { targetType: 'answer', targetId: answer.id, reporter: 'v:c', reason: 'spam' }, 2, Date.now() + 1);
    expect(await statusOf('answers', site, answer.id)).toBe('published');
  });

  it('approve publishes a held question and it appears in the widget’s list', async () => {
    const { site, agent } = await world();
    const question = await aQuestion(env.DB, { site, text: 'Held for the word casino?' });
    await setStatus({ kind: 'question', row: question }, 'held', 'blocklist');
    const publicList = async () =>
      (
        await (
          await exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}/products/${question.productId}/questions`, {
            headers: { Origin: 'https://shop.example' },
          })
        ).json<{ questions: { id: string }[] }>()
      ).questions.map((q) => q.id);
    expect(await publicList()).toEqual([]);

    const res = await decide(agent.cookie, 'question', question.id, { action: 'approve' });
    expect(await res.json()).toEqual({ status: 'published' });
    expect(await publicList()).toEqual([question.id]);
    expect((await auditOf(site, question.id)).at(-1)).toEqual({
      target_type: 'question',
      action: 'approved',
      actor: `staff:${agent.id}`,
      reason: 'Approved by staff.',
    });
  });

  it('approving a held question announces it to the site’s webhooks (it was never announced before)', async () => {
    const { site, agent } = await world();
    await env.DB.prepare(
      `INSERT INTO webhooks (site_id, id, url, events, secret, created_at) VALUES (?, ?, 'http://127.0.0.1:9/samen', '["question.created"]', 'whsec_test', ?)`,
    )
      .bind(site.id, crypto.randomUUID(), Date.now())
      .run();
    const question = await aQuestion(env.DB, { site, text: 'Held question about the casino discount' });
    await setStatus({ kind: 'question', row: question }, 'held', 'blocklist');
    const deliveries = async () =>
      (await env.DB.prepare('SELECT event, payload FROM webhook_deliveries WHERE site_id = ?').bind(site.id).all<{ event: string; payload: string }>()).results;
    expect(await deliveries()).toEqual([]);
    await decide(agent.cookie, 'question', question.id, { action: 'approve' });
    await expect.poll(async () => (await deliveries()).map((d) => d.event)).toEqual(['question.created']);
    expect(JSON.parse((await deliveries())[0]?.payload ?? '{}')).toMatchObject({ data: { question: { id: question.id } } });
  });

  it('remove keeps the row with status removed, writes an audit row with the staff id and reason, and recounts answers', async () => {
    const { site, owner } = await world();
    const question = await aQuestion(env.DB, { site });
    const answer = await anAnswer(env.DB, { question, text: 'Visit my shop instead' });
    expect(await answerCountOf(site, question.id)).toBe(1);

    const res = await decide(owner.cookie, 'answer', answer.id, { action: 'remove', reason: '  Advertising another shop.  ' });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ status: 'removed' });
    const row = await env.DB.prepare('SELECT body, status FROM answers WHERE site_id = ? AND id = ?').bind(site.id, answer.id).first();
    expect(row).toEqual({ body: 'Visit my shop instead', status: 'removed' });
    expect(await answerCountOf(site, question.id)).toBe(0);
    expect(await auditOf(site, answer.id)).toEqual([
      { target_type: 'answer', action: 'removed', actor: `staff:${owner.id}`, reason: 'Advertising another shop.' },
    ]);
    const items = await queue(owner.cookie);
    expect(items.map((i) => [i.id, i.status, i.lastReason])).toEqual([[answer.id, 'removed', 'Advertising another shop.']]);

    // The log endpoint shows the same, with the staff member's name.
    const log = await call(`/moderation/answer/${answer.id}/log`, { cookie: owner.cookie });
    expect(log.status).toBe(200);
    expect((await log.json<{ log: ConsoleModerationLogEntry[] }>()).log).toEqual([
      { action: 'removed', actor: `staff:${owner.id}`, actorName: 'Olga Owner', reason: 'Advertising another shop.', createdAt: expect.any(Number) },
    ]);
  });

  it('restore publishes a removed item again; the log keeps every step', async () => {
    const { site, owner, agent } = await world();
    const question = await aQuestion(env.DB, { site });
    const answer = await anAnswer(env.DB, { question });
    expect((await decide(owner.cookie, 'answer', answer.id, { action: 'remove' })).status).toBe(200);
    expect(await answerCountOf(site, question.id)).toBe(0);

    const res = await decide(agent.cookie, 'answer', answer.id, { action: 'restore', reason: 'Removed by mistake.' });
    expect(await res.json()).toEqual({ status: 'published' });
    expect(await statusOf('answers', site, answer.id)).toBe('published');
    expect(await answerCountOf(site, question.id)).toBe(1);
    const log = await (await call(`/moderation/answer/${answer.id}/log`, { cookie: agent.cookie })).json<{ log: ConsoleModerationLogEntry[] }>();
    expect(log.log.map((e) => [e.action, e.actor, e.actorName, e.reason])).toEqual([
      ['removed', `staff:${owner.id}`, 'Olga Owner', 'Removed by staff.'],
      ['restored', `staff:${agent.id}`, 'Arjen Agent', 'Removed by mistake.'],
    ]);
  });

  it('removes a published question without deleting it or its answers', async () => {
    const { site, owner } = await world();
    const question = await aQuestion(env.DB, { site });
    await anAnswer(env.DB, { question });
    expect((await decide(owner.cookie, 'question', question.id, { action: 'remove', reason: 'Personal data.' })).status).toBe(200);
    expect(await statusOf('questions', site, question.id)).toBe('removed');
    const n = await env.DB.prepare('SELECT count(*) AS n FROM answers WHERE site_id = ? AND question_id = ?').bind(site.id, question.id).first<{ n: number }>();
    expect(n?.n).toBe(1);
  });

  it('answers 409 when the decision does not fit the item’s status (already decided by someone else)', async () => {
    const { site, owner } = await world();
    const question = await aQuestion(env.DB, { site });
    await expectError(await decide(owner.cookie, 'question', question.id, { action: 'approve' }), 409, 'moderation_conflict');
    await expectError(await decide(owner.cookie, 'question', question.id, { action: 'restore' }), 409, 'moderation_conflict');
    expect(await auditOf(site, question.id)).toEqual([]);
  });

  it('answers 404 for another site’s item, and changes nothing there', async () => {
    const { owner } = await world();
    const other = await aSite(env.DB);
    const question = await aQuestion(env.DB, { site: other });
    const answer = await anAnswer(env.DB, { question });
    await setStatus({ kind: 'answer', row: answer }, 'hidden', 'reported by 3 shoppers');
    await setStatus({ kind: 'question', row: question }, 'held', 'links');

    await expectError(await decide(owner.cookie, 'question', question.id, { action: 'approve' }), 404, 'question_not_found');
    await expectError(await decide(owner.cookie, 'answer', answer.id, { action: 'remove' }), 404, 'answer_not_found');
    await expectError(await call(`/moderation/answer/${answer.id}/log`, { cookie: owner.cookie }), 404, 'answer_not_found');
    // The item's type is part of its identity: a question id under /answer/ is not found either.
    await expectError(await decide(owner.cookie, 'answer', question.id, { action: 'remove' }), 404, 'answer_not_found');
    expect(await statusOf('questions', other, question.id)).toBe('held');
    expect(await statusOf('answers', other, answer.id)).toBe('hidden');
    expect(await auditOf(other, question.id)).toEqual([{ target_type: 'question', action: 'held', actor: 'system', reason: 'links' }]);
  });

  it.each([
    ['an unknown action', { action: 'delete' }, 'invalid_moderation_action'],
    ['no action', {}, 'invalid_moderation_action'],
    ['a reason of 501 characters', { action: 'remove', reason: 'x'.repeat(501) }, 'moderation_reason_too_long'],
    ['a reason that is not text', { action: 'remove', reason: 42 }, 'invalid_input'],
  ])('refuses %s with 400 and changes nothing', async (_, body, code) => {
    const { site, owner } = await world();
    const question = await aQuestion(env.DB, { site });
    await expectError(await decide(owner.cookie, 'question', question.id, body), 400, code);
    expect(await statusOf('questions', site, question.id)).toBe('published');
    expect(await auditOf(site, question.id)).toEqual([]);
  });

  it('refuses an unknown item type with 400', async () => {
    const { site, owner } = await world();
    const question = await aQuestion(env.DB, { site });
    await expectError(await decide(owner.cookie, 'idea', question.id, { action: 'remove' }), 400, 'invalid_input');
  });

  it('needs a session and a same-origin request', async () => {
    const { site } = await world();
    const question = await aQuestion(env.DB, { site });
    await expectError(await decide('', 'question', question.id, { action: 'remove' }), 401, 'not_signed_in');
    const { owner } = await world();
    const crossSite = await call(`/moderation/question/${question.id}`, {
      method: 'POST',
      cookie: owner.cookie,
      body: { action: 'remove' },
      origin: 'https://evil.example',
    });
    await expectError(crossSite, 403, 'csrf_refused');
    expect(await statusOf('questions', site, question.id)).toBe('published');
  });
});

/** `n` different valid blocklist words. */
const distinctWords = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${'q'.repeat(Math.floor(i / 26) + 1)}`);

describe('site moderation settings', () => {
  it('an owner reads and changes the report threshold and blocklist, which the widget API then applies', async () => {
    const { site, owner } = await world();
    const before = await (await call('/site', { cookie: owner.cookie })).json<{ site: ConsoleSiteSettings }>();
    expect(before.site).toMatchObject({ reportThreshold: 3, blocklist: [] });

    const res = await call('/site', { method: 'PATCH', cookie: owner.cookie, body: { reportThreshold: 1, blocklist: ['casino', 'gratis', 'casino', 'żółw'] } });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json<{ site: ConsoleSiteSettings }>()).site).toMatchObject({
      reportThreshold: 1,
      blocklist: ['casino', 'gratis', 'żółw'],
      eraseMode: 'anonymise',
    });
    const row = await env.DB.prepare('SELECT report_threshold, blocklist, erase_mode FROM sites WHERE id = ?').bind(site.id).first();
    expect(row).toEqual({ report_threshold: 1, blocklist: '["casino","gratis","żółw"]', erase_mode: 'anonymise' });

    // The widget API holds a question with a blocklisted word.
    const posted = await exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}/products/p-1/questions`, {
      method: 'POST',
      headers: {
        Origin: 'https://shop.example',
        'Content-Type': 'application/json',
        'X-Samen-Visitor': `v_${crypto.randomUUID().replaceAll('-', '')}`,
        'CF-Connecting-IP': crypto.randomUUID(),
      },
      body: JSON.stringify({ text: 'Is there a gratis hood with this jacket?', authorName: 'Kim' }),
    });
    expect(posted.status, await posted.clone().text()).toBe(201);
    const { question } = await posted.json<{ question: { id: string } }>();
    expect(await statusOf('questions', site, question.id)).toBe('held');

    // Changing one setting leaves the others as they were; an empty list clears the blocklist.
    const erase = await call('/site', { method: 'PATCH', cookie: owner.cookie, body: { eraseMode: 'delete', blocklist: [] } });
    expect((await erase.json<{ site: ConsoleSiteSettings }>()).site).toMatchObject({ eraseMode: 'delete', reportThreshold: 1, blocklist: [] });
  });

  it.each([
    ['a threshold of 0', { reportThreshold: 0 }, 'invalid_report_threshold'],
    ['a threshold of 101', { reportThreshold: 101 }, 'invalid_report_threshold'],
    ['a threshold of 2.5', { reportThreshold: 2.5 }, 'invalid_report_threshold'],
    ['a threshold as text', { reportThreshold: '3' }, 'invalid_report_threshold'],
    ['an upper-case word', { blocklist: ['Casino'] }, 'invalid_blocklist'],
    ['a word with a digit', { blocklist: ['casino1'] }, 'invalid_blocklist'],
    ['a word with a space', { blocklist: ['free money'] }, 'invalid_blocklist'],
    ['an empty word', { blocklist: [''] }, 'invalid_blocklist'],
    ['a word of 41 letters', { blocklist: ['a'.repeat(41)] }, 'invalid_blocklist'],
    ['201 words', { blocklist: distinctWords(201) }, 'invalid_blocklist'],
    ['a blocklist that is not a list', { blocklist: 'casino' }, 'invalid_blocklist'],
    ['nothing to change', {}, 'nothing_to_change'],
  ])('refuses %s with 400 and changes nothing', async (_, body, code) => {
    const { site, owner } = await world();
    await expectError(await call('/site', { method: 'PATCH', cookie: owner.cookie, body }), 400, code);
    const row = await env.DB.prepare('SELECT report_threshold, blocklist FROM sites WHERE id = ?').bind(site.id).first();
    expect(row).toEqual({ report_threshold: 3, blocklist: '[]' });
  });

  it('accepts the limits: threshold 1 and 100, 200 words of up to 40 letters', async () => {
    const { owner } = await world();
    const words = distinctWords(200);
    words[0] = 'x'.repeat(40);
    for (const body of [{ reportThreshold: 1 }, { reportThreshold: 100 }, { blocklist: words }]) {
      const res = await call('/site', { method: 'PATCH', cookie: owner.cookie, body });
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const site = await (await call('/site', { cookie: owner.cookie })).json<{ site: ConsoleSiteSettings }>();
    expect(site.site.blocklist).toHaveLength(200);
    expect(site.site.reportThreshold).toBe(100);
  });

  it('agents may not read or change the settings', async () => {
    const { site, agent } = await world();
    await expectError(await call('/site', { cookie: agent.cookie }), 403, 'forbidden');
    await expectError(await call('/site', { method: 'PATCH', cookie: agent.cookie, body: { reportThreshold: 1, blocklist: ['casino'] } }), 403, 'forbidden');
    const row = await env.DB.prepare('SELECT report_threshold, blocklist FROM sites WHERE id = ?').bind(site.id).first();
    expect(row).toEqual({ report_threshold: 3, blocklist: '[]' });
  });
});
