/**
 * The checkout page's widget (`<samen-widget mode="checkout" order="…">`) as one lazy chunk:
 * product pages never pay for it.
 */
// Importing the core through its root module keeps the whole core (Lit included) in the one chunk
// the loader fetches: otherwise the bundler splits what both use into a separate shared chunk.
import '../samen-widget.ts';
import './samen-checkout.ts';
