import type { RoutingNotice } from '../api/client.ts';
import type { Strings } from '../i18n/index.ts';
import { brandOf, type RoutingStrings } from '../i18n/routing/index.ts';

/**
 * What to tell the shopper about where a question just posted went and when they will hear
 * back, one sentence per entry. Private: "This looks like a question about your invoice — we’ve
 * sent it privately to Noordkust Outdoor’s team.", "Noordkust Outdoor’s team will answer today
 * before 15:30." and, when the team is away, when it is back. Public: the community's usual
 * answer time and the team's promise if nobody answers by then. `order` (checkout) names the
 * order instead of guessing what the question is about.
 */
export function routingLines(t: Strings, r: RoutingStrings, routing: RoutingNotice, order = ''): string[] {
  const brand = brandOf(t, r);
  const { community, staff, openNow, reopens } = routing.promise;
  if (routing.visibility === 'public') {
    return [...(community ? [r.communityPromise(community.text)] : []), r.staffFallback(brand, staff.text)];
  }
  return [
    ...(routing.complaint ? [r.complaint] : []),
    order ? r.sentFromCheckout(brand, order) : r.sentPrivately(brand, routing.category ? r.about[routing.category] : undefined),
    r.staffPromise(brand, staff.text),
    ...(!openNow && reopens ? [r.away(reopens.text)] : []),
  ];
}
