/**
 * Everything of community answers that no shopper needs before interacting, as one lazy chunk:
 * answers with votes, acceptance and reports; search-before-ask suggestions and the search
 * box's results; the expert's open questions; and what to tell the author of a post that was
 * held or masked. The core fetches it on first use (preloaded on hover or focus of what opens it).
 */
// Importing the core through its root module keeps the whole core (Lit included) in the one chunk
// the loader fetches: otherwise the bundler splits what both use into a separate shared chunk.
import '../samen-widget.ts';
import '../answers/samen-answers.ts';
import '../search/samen-suggestions.ts';
import '../expert/samen-open-questions.ts';

export { noticeText } from '../i18n/community/index.ts';
export { sendPost } from '../questions/post-send.ts';
export { typeQuestion } from '../questions/type-question.ts';

// This chunk loads as the shopper starts writing a question; what they are told after posting
// (where it went, when to expect an answer) is in the routing chunk: fetch it alongside, so its
// live regions are on the page before there is anything to announce.
void import('../routing/index.ts');
// And the calls these features make (../api/calls.ts).
void import('../api/calls.ts');
