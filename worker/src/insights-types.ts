/**
 * The console's Insights report: `GET /api/v1/console/insights?from=YYYY-MM-DD&to=YYYY-MM-DD&product=`
 * (staff session; days are UTC calendar days, both ends included, at most 366 days; product optional).
 * Also `GET /api/v1/console/insights/products` → { products: { id, name }[] } for the product picker.
 * Every figure is computed from stored rows; rates are null when their denominator is 0,
 * durations in milliseconds and null when there is nothing to measure.
 */

export type ContactChannel = 'question' | 'chat' | 'review' | 'idea';
export type EscalationReason = 'personal' | 'checkout' | 'complaint' | 'second_contact' | 'timeout' | 'not_helpful';

export interface DailyContacts extends Record<ContactChannel, number> {
  day: string;
}

export interface InsightsReport {
  period: { from: string; to: string; days: number };
  productId: string | null;
  contacts: { total: Record<ContactChannel, number>; daily: DailyContacts[] };
  /**
   * Shoppers who found an answer in the suggestions and did not post, of all who started typing.
   * Every typing session in the Questions tab ends in exactly one of the counters `question_posted`,
   * `deflected` (a suggestion opened, left without posting) or `abandoned` (suggestions seen, none
   * opened): started = their sum, deflected = `deflected`.
   */
  deflection: { started: number; deflected: number; rate: number | null; daily: { day: string; started: number; deflected: number }[] };
  community: {
    /** Public questions asked in the period. */
    questions: number;
    /** Of those, answered by the community (anyone but staff). */
    answered: number;
    answerRate: number | null;
    medianFirstAnswerMs: number | null;
  };
  staff: {
    /** Questions routed to staff in the period. */
    routed: number;
    responded: number;
    medianFirstResponseMs: number | null;
    resolved: number;
    medianResolutionMs: number | null;
    /** First responses within the site's SLA, of all responded. */
    withinSla: number;
    slaRate: number | null;
  };
  escalations: { total: number; byReason: Record<EscalationReason, number>; daily: ({ day: string } & Record<EscalationReason, number>)[] };
  /** Products with the most problem-driven contacts (questions routed to staff), most first (up to 10). */
  topProducts: { productId: string; name: string | null; contacts: number; complaints: number }[];
  /**
   * Recurring themes among personal questions and complaints (masked text), biggest first (up to 10),
   * drawn from the newest 5,000 of the period; `questionIds` lists up to 100 of each topic, newest first.
   */
  rootCauses: { topic: string; terms: string[]; count: number; questionIds: string[] }[];
  /**
   * Most helpful members in the period (up to 10): published answers in the period and how many were
   * accepted. `memberId` is the public profile id, never the shop's id ('' while the member has no
   * profile yet); `name` is '' for an anonymous visitor who gave none.
   */
  topContributors: { memberId: string; name: string; answers: number; accepted: number; points: number; influence: number | null }[];
  /** Server time spent computing the report. */
  computedMs: number;
}
