/**
 * "The shopper did something" (posted, voted, accepted, reported): the moment from which the
 * widget may store things in the shop's localStorage. Dispatched from wherever it happened; it
 * crosses the shadow roots of the lazy parts up to the Questions tab, which stops it there, so it
 * never reaches the shop's page.
 */
export const INTERACTION = 'samen-interaction';

export const noteInteraction = (from: Element): boolean =>
  from.dispatchEvent(new Event(INTERACTION, { bubbles: true, composed: true }));
