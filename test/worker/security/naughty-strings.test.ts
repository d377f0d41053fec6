/**
 * Every user-facing text field round-trips the Big List of Naughty Strings and classic XSS
 * payloads through the API unchanged (as plain text; rendering is tested in Chromium).
 */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../../worker/src/domain/screening.ts';
import { aProductId, aSite } from '../../fixtures/rows.ts';
import { xssPayloads } from '../../fixtures/xss-payloads.ts';

const blns = env.TEST_NAUGHTY_STRINGS;


/** What the API stores for a post: trimmed, personal-data-like numbers masked, otherwise byte for byte. */
const stored = (s: string) => maskPersonalData(s.trim()).body;
const storedName = (s: string) => s.trim();

describe('naughty strings through the API', () => {
  it(`round-trips ${blns.length} BLNS strings and ${xssPayloads.length} XSS payloads as questions, answers and names`, async () => {
    const strings = [...blns, ...xssPayloads];
    // A site takes 300 questions per 10 minutes; spread the list over enough sites.
    const sites = await Promise.all(
      Array.from({ length: Math.ceil(strings.length / 250) }, () => aSite(env.DB, { origins: ['https://shop.example'] })),
    );
    const product = aProductId();
    let checked = 0;
    for (const [i, s] of strings.entries()) {
      const site = sites[Math.floor(i / 250)] ?? sites[0]!;
      // Pad so every string meets the length rules; the payload sits inside, untouched by trimming.
      const text = `Question ${i}: «${s}» ?`;
      const name = [...s].slice(0, 40).join('').trim() || null;
      const headers = { 'Content-Type': 'application/json', Origin: 'https://shop.example', 'CF-Connecting-IP': `198.51.${i % 250}.${i % 7}` };
      const q = await exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}/products/${product}/questions`, {
        method: 'POST',
        headers: { ...headers, 'X-Samen-Visitor': `v_naughty${String(i).padStart(16, '0')}` },
        body: JSON.stringify({ text, authorName: name ?? undefined }),
      });
      expect(q.status, s).toBe(201);
      const { question } = await q.json<{ question: { id: string; body: string; authorName: string | null } }>();
      expect(question.body, s).toBe(stored(text));
      expect(question.authorName, s).toBe(name ? storedName(name) : null);

      const a = await exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}/questions/${question.id}/answers`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: `A: ${s} .` }),
      });
      expect(a.status, s).toBe(201);
      const posted = await a.json<{ answer: { body: string }; notice: { status: string } }>();
      expect(posted.answer.body, s).toBe(stored(`A: ${s} .`));
      // Read back what is public (a post that looks like spam waits for review instead).
      const read = await exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}/questions/${question.id}/answers`, { headers });
      const { answers } = await read.json<{ answers: { body: string }[] }>();
      expect(answers.map((x) => x.body), s).toEqual(posted.notice.status === 'published' ? [stored(`A: ${s} .`)] : []);
      checked++;
    }
    console.log(`naughty strings: ${checked} round-tripped as question, name and answer`);
    expect(checked).toBe(strings.length);
  }, 240_000);
});
