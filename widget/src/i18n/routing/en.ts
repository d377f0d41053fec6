/**
 * English strings of routing to the brand's team (what happens to a question just posted, the
 * time promise, "Your questions" with the team's replies, the checkout form). They travel with
 * the routing and checkout chunks; the shape the other locales must match.
 *
 * `brand` is the shop's name (e.g. "Noordkust Outdoor"); `when` is a time the API already wrote
 * in the shopper's language and time zone ("today before 15:30"); `within` a duration ("3 hours").
 */
import type { RoutingCategory } from '../../../../worker/src/api-types.ts';

/** "Noordkust Outdoor’s team", "Outdoors’ team". */
const team = (brand: string) => `${brand}’${brand.endsWith('s') ? '' : 's'} team`;
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const en = {
  /** Stands in for the brand's name until the widget knows it. */
  theShop: 'the shop',
  /** What a private question is about, to complete "a question about …". */
  about: {
    payment: 'a payment',
    invoice: 'your invoice',
    refund: 'a refund',
    order_status: 'your order',
    returns: 'a return',
    warranty: 'a warranty claim',
    account: 'your account',
    complaint: 'something that went wrong',
  } satisfies Record<RoutingCategory, string>,
  sentPrivately: (brand: string, about: string | undefined) =>
    `This looks like ${about ? `a question about ${about}` : 'a personal question'} — we’ve sent it privately to ${team(brand)}.`,
  sentFromCheckout: (brand: string, order: string) => `We’ve sent your question about order ${order} privately to ${team(brand)}.`,
  complaint: 'We’re sorry something went wrong.',
  staffPromise: (brand: string, when: string) => `${capitalised(team(brand))} will answer ${when}.`,
  away: (when: string) => `The team is away right now — back ${when}.`,
  communityPromise: (within: string) => `The community usually answers questions like this within ~${within}.`,
  staffFallback: (brand: string, when: string) => `If nobody has by then, ${team(brand)} will answer ${when}.`,
  askCommunity: 'No, ask the community',
  moving: 'Moving…',
  movedPublic: 'Your question is now public and listed below.',
  yourQuestions: 'Your questions',
  private: 'Private',
  sent: (brand: string, when: string | undefined) => `Sent to ${team(brand)}${when ? ` — answer expected ${when}` : ''}`,
  answered: 'Answered',
  resolved: 'Resolved',
  replies: 'Replies from the team',
  /** Read out when a reply arrives while the shopper is on the page. */
  newReply: (name: string, brand: string) => `New reply from ${name} of ${team(brand)}.`,
  checkoutHeading: 'Question about your order?',
  checkoutIntro: (brand: string, order: string) =>
    `Ask about order ${order}. Your question goes privately to ${team(brand)}, never to the public.`,
  checkoutHint: 'At least 10 characters.',
  sendToTeam: 'Send to the team',
  noOrder: 'This page did not pass a valid order number, so a question about your order cannot be sent from here. Please contact the shop’s customer service.',
  errors: {
    not_private: 'This question is already public.',
    already_with_staff: 'The team is already working on this question, so it stays with them. Their answer will appear under “Your questions”.',
    checkout_question: 'Questions about an order stay with the team.',
    not_your_question: 'Only the person who asked can do this.',
    invalid_order_ref: 'The order number on this page is not valid, so your question could not be sent. Please contact the shop’s customer service.',
    invalid_time_zone: 'Your device’s time zone was not recognised. Please check its date and time settings and try again.',
  },
};

export type RoutingStrings = typeof en;
