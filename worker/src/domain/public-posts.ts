/**
 * Turns stored posts into what a viewer may see: the author's display name, role and whether
 * it is the viewer's own post — never the author's member id, visitor id or email.
 */
import type { Answer, PublicAuthor, Question } from '../api-types.ts';
import type { StoredAnswer, StoredQuestion } from '../db/questions.ts';
import { isMine, type Viewer } from './viewer.ts';

function publicAuthor(
  p: { authorName: string | null; authorRole: PublicAuthor['authorRole']; authorErased: boolean; authorSub: string | null; authorVisitor: string | null },
  viewer: Viewer,
): PublicAuthor {
  return {
    authorName: p.authorErased ? null : p.authorName,
    authorRole: p.authorErased ? null : p.authorRole,
    formerMember: p.authorErased,
    mine: isMine(viewer, p),
  };
}

export const publicQuestion = (q: StoredQuestion, viewer: Viewer): Question => ({
  id: q.id,
  productId: q.productId,
  body: q.body,
  answerCount: q.answerCount,
  acceptedAnswerId: q.acceptedAnswerId,
  createdAt: q.createdAt,
  ...publicAuthor(q, viewer),
});

/** What the viewer did to answers of one question (their votes; as the asker, their feedback). */
export interface AnswerContext {
  acceptedAnswerId: string | null;
  votedHelpful: ReadonlySet<string>;
  didNotHelp: ReadonlySet<string>;
}

const NO_CONTEXT: AnswerContext = { acceptedAnswerId: null, votedHelpful: new Set(), didNotHelp: new Set() };

export const publicAnswer = (a: StoredAnswer, viewer: Viewer, ctx: AnswerContext = NO_CONTEXT): Answer => ({
  id: a.id,
  questionId: a.questionId,
  body: a.body,
  helpfulCount: a.helpfulCount,
  votedHelpful: ctx.votedHelpful.has(a.id),
  accepted: ctx.acceptedAnswerId === a.id,
  didNotHelp: ctx.didNotHelp.has(a.id),
  createdAt: a.createdAt,
  ...publicAuthor(a, viewer),
});
