/**
 * The Ideas tab as one lazy chunk: <samen-widget> imports it when the tab is opened (and
 * preloads it when the pointer or focus reaches the tab list, on sites with the idea board on).
 */
// Importing the core through its root module keeps the whole core (Lit included) in the one chunk
// the loader fetches: otherwise the bundler splits what both use into a separate shared chunk.
import '../samen-widget.ts';
import './samen-ideas.ts';

// The calls the board makes (../api/calls.ts), fetched alongside rather than on the first call.
void import('../api/calls.ts');
