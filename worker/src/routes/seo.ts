import { Hono } from 'hono';
import type { AppEnv } from '../env.ts';
import { validate } from '../middleware/validate.ts';
import { listAnsweredWithAnswers, type StoredAnswer } from '../db/questions.ts';
import { productParam } from './questions.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const person = (a: { authorName: string | null; authorErased: boolean }) => ({
  '@type': 'Person',
  name: a.authorErased ? 'Former member' : (a.authorName ?? 'Anonymous shopper'),
});

const answerLd = (a: StoredAnswer) => ({
  '@type': 'Answer',
  text: a.body,
  dateCreated: iso(a.createdAt),
  upvoteCount: a.helpfulCount,
  author: person(a),
});

/**
 * schema.org structured data for a product's answered questions (FAQPage with Question and
 * Answer items), for site owners to include server-side in the product page.
 */
export const seoRoutes = new Hono<AppEnv>().get('/products/:product/qa.jsonld', validate('param', productParam), async (c) => {
  const { product } = c.req.valid('param');
  const items = await listAnsweredWithAnswers(c.env.DB, c.get('site').id, product, 50);
  const doc = {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: items.map(({ question, answers }) => {
      const accepted = answers.find((a) => a.id === question.acceptedAnswerId);
      const others = answers.filter((a) => a !== accepted);
      return {
        '@type': 'Question',
        name: question.body.slice(0, 300),
        text: question.body,
        answerCount: answers.length,
        dateCreated: iso(question.createdAt),
        author: person(question),
        acceptedAnswer: answerLd(accepted ?? answers[0]!),
        ...(others.length && accepted ? { suggestedAnswer: others.map(answerLd) } : {}),
      };
    }),
  };
  return c.body(JSON.stringify(doc), 200, { 'Content-Type': 'application/ld+json; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
});
