/**
 * What Samen holds about one member of a site, for their data export (by the shopper in the
 * widget, or by the site owner on their behalf in the console): the member row, their questions
 * as they wrote them (with the team's replies to private ones), their chats, answers and reviews,
 * and their part in the idea board (ideas, comments, votes).
 */
import type { ShopperExport } from '../routes/console-types.ts';
import { findMember } from '../db/members.ts';
import { listAnswersBy, listQuestionsBy } from '../db/questions.ts';
import { itemsForQuestions, listMessages } from '../db/routing.ts';
import { listMemberReviews } from '../db/reviews.ts';
import { listMemberIdeaData } from '../db/ideas.ts';

export async function shopperExport(db: D1Database, siteId: string, sub: string, now = Date.now()): Promise<{ data: ShopperExport; found: boolean }> {
  const [member, questions, answers, reviews, written, chats, ideaBoard] = await Promise.all([
    findMember(db, siteId, sub),
    listQuestionsBy(db, siteId, { sub, visitorId: null }, 10_000),
    listAnswersBy(db, siteId, sub),
    listMemberReviews(db, siteId, sub),
    db
      .prepare('SELECT id, coalesce(staff_body, body) AS text FROM questions WHERE site_id = ? AND author_sub = ?')
      .bind(siteId, sub)
      .all<{ id: string; text: string }>(),
    db
      .prepare(
        `SELECT c.id, c.product_id, c.order_ref, c.created_at, m.seq, m.sender_kind, m.sender_name, m.body, a.name AS attachment, m.created_at AS sent_at
           FROM conversations c
           JOIN chat_messages m ON m.site_id = c.site_id AND m.conversation_id = c.id
           LEFT JOIN chat_attachments a ON a.site_id = m.site_id AND a.id = m.attachment_id
          WHERE c.site_id = ? AND c.author_sub = ? ORDER BY c.created_at, c.id, m.seq`,
      )
      .bind(siteId, sub)
      .all<{
        id: string;
        product_id: string;
        order_ref: string | null;
        created_at: number;
        seq: number;
        sender_kind: 'shopper' | 'staff' | 'expert' | 'system';
        sender_name: string;
        body: string;
        attachment: string | null;
        sent_at: number;
      }>(),
    listMemberIdeaData(db, siteId, sub),
  ]);
  const conversations = new Map<string, ShopperExport['conversations'][number]>();
  for (const r of chats.results) {
    let conv = conversations.get(r.id);
    if (!conv) conversations.set(r.id, (conv = { id: r.id, productId: r.product_id, orderRef: r.order_ref, createdAt: r.created_at, messages: [] }));
    conv.messages.push({ seq: r.seq, from: r.sender_kind, name: r.sender_name, text: r.body, attachment: r.attachment, createdAt: r.sent_at });
  }
  const items = await itemsForQuestions(db, siteId, questions.map((q) => q.id));
  const replies = await listMessages(db, siteId, items.map((i) => i.id), true);
  const asWritten = new Map(written.results.map((r) => [r.id, r.text]));
  const data: ShopperExport = {
    exportedAt: now,
    site: siteId,
    member,
    questions: questions.map((q) => {
      const item = items.find((i) => i.questionId === q.id);
      return {
        id: q.id,
        productId: q.productId,
        body: asWritten.get(q.id) ?? q.body,
        authorName: q.authorName,
        answerCount: q.answerCount,
        createdAt: q.createdAt,
        visibility: q.visibility,
        orderRef: q.orderRef,
        staffReplies: item
          ? replies.filter((r) => r.itemId === item.id).map((r) => ({ body: r.body, staffName: r.staffName, createdAt: r.createdAt }))
          : [],
      };
    }),
    answers: answers.map((a) => ({ id: a.id, questionId: a.questionId, body: a.body, authorName: a.authorName, createdAt: a.createdAt })),
    conversations: [...conversations.values()],
    reviews: reviews.map((r) => ({
      id: r.id,
      productId: r.productId,
      rating: r.rating,
      title: r.title,
      body: r.body,
      verifiedBuyer: r.verifiedBuyer,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    })),
  };
  const tookPart = ideaBoard.ideas.length > 0 || ideaBoard.comments.length > 0 || ideaBoard.votes.length > 0;
  if (tookPart) {
    data.ideaBoard = {
      ideas: ideaBoard.ideas.map((i) => ({
        id: i.id,
        productId: i.productId,
        title: i.title,
        body: i.body,
        category: i.category,
        status: i.status,
        createdAt: i.createdAt,
      })),
      comments: ideaBoard.comments.map((cm) => ({ id: cm.id, ideaId: cm.ideaId, body: cm.body, createdAt: cm.createdAt })),
      votes: ideaBoard.votes,
    };
  }
  return {
    data,
    found: member !== null || questions.length > 0 || answers.length > 0 || reviews.length > 0 || conversations.size > 0 || tookPart,
  };
}
