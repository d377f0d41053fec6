/**
 * Routing to the brand's team, as one lazy chunk: what the shopper is told about a question
 * just posted (sent privately to the team, or the community-first promise, with "No, ask the
 * community"), and "Your questions" with the team's replies, live while one is awaited. The
 * Questions tab fetches it when the shopper starts writing a question (with the community
 * chunk), after a post, and when they have questions of their own.
 */
// Importing the core through its root module keeps the whole core (Lit included) in the one chunk
// the loader fetches: otherwise the bundler splits what both use into a separate shared chunk.
import '../samen-widget.ts';
import './samen-routing.ts';

export { freshAnswers, rememberSeen } from './seen.ts';
