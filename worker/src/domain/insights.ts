/**
 * The Insights report: periods as UTC days, and the figures shaped from the rollups and rows
 * that `db/insights.ts` reads. Definitions (summarised on the types in `insights-types.ts`):
 * - contacts: questions (product page and checkout; a question that started a chat counts as a
 *   chat instead), chats (conversations), reviews written in Samen, ideas — by the day each began;
 * - deflection: every typing session in the Questions tab ends in exactly one of `question_posted`,
 *   `deflected` (a suggestion was opened and the shopper left without posting) or `abandoned`
 *   (suggestions seen, none opened, left); started = the sum of the three, rate = deflected / started;
 * - community: public questions asked in the period and not removed; answered = with a published
 *   answer by anyone but staff (whenever it came); the median wait for that first answer;
 * - staff: items routed in the period; first response, resolution and SLA (first response at or
 *   before the item's due time) whenever they happened;
 * - escalations: items routed in the period by reason, per day;
 * - top products: questions routed to staff per product, with the complaints asked about it;
 * - root causes: see `root-causes.ts` (the newest 5,000 personal questions and complaints);
 * - top contributors: published answers in the period per member, and how many were accepted.
 */
import type { ContactChannel, DailyContacts, EscalationReason, InsightsReport } from '../insights-types.ts';
import type { CommunityFigures, Contributor, DailyMetric, ProblemProduct, StaffFigures } from '../db/insights.ts';
import type { RootCauseTopic } from './root-causes.ts';

export const DAY_MS = 86_400_000;
export const MAX_PERIOD_DAYS = 366;

export const CHANNELS: readonly ContactChannel[] = ['question', 'chat', 'review', 'idea'];
export const ESCALATION_REASONS: readonly EscalationReason[] = ['personal', 'checkout', 'complaint', 'second_contact', 'timeout', 'not_helpful'];

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since the epoch of a YYYY-MM-DD UTC day, or null when it is not a real date. */
export function parseDay(s: string): number | null {
  const m = ISO_DAY.exec(s);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(ms) && formatDay(ms / DAY_MS) === s ? ms / DAY_MS : null;
}

/** YYYY-MM-DD of a day number. */
export const formatDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The default period: the 30 days up to and including today (UTC). */
export function defaultPeriod(now: number): { fromDay: number; toDay: number } {
  const toDay = Math.floor(now / DAY_MS);
  return { fromDay: toDay - 29, toDay };
}

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export interface ReportParts {
  fromDay: number;
  toDay: number;
  productId: string | null;
  /** Rollups (and, for one product, its deflection counters) per day and metric. */
  metrics: DailyMetric[];
  community: CommunityFigures;
  staff: StaffFigures;
  topProducts: ProblemProduct[];
  rootCauses: RootCauseTopic[];
  contributors: Contributor[];
  computedMs: number;
}

/** Shapes the report: one entry per day of the period in each daily series, zeros included. */
export function buildReport(p: ReportParts): InsightsReport {
  const days = p.toDay - p.fromDay + 1;
  const contactsDaily: DailyContacts[] = [];
  const deflectionDaily: InsightsReport['deflection']['daily'] = [];
  const escalationDaily: InsightsReport['escalations']['daily'] = [];
  for (let d = p.fromDay; d <= p.toDay; d++) {
    const day = formatDay(d);
    contactsDaily.push({ day, question: 0, chat: 0, review: 0, idea: 0 });
    deflectionDaily.push({ day, started: 0, deflected: 0 });
    escalationDaily.push({ day, personal: 0, checkout: 0, complaint: 0, second_contact: 0, timeout: 0, not_helpful: 0 });
  }
  for (const { day, metric, value } of p.metrics) {
    const i = day - p.fromDay;
    const contacts = contactsDaily[i];
    const deflection = deflectionDaily[i];
    const escalation = escalationDaily[i];
    if (!contacts || !deflection || !escalation) continue;
    if ((CHANNELS as readonly string[]).includes(metric)) contacts[metric as ContactChannel] += value;
    else if (metric === 'defl:deflected') {
      deflection.deflected += value;
      deflection.started += value;
    } else if (metric === 'defl:question_posted' || metric === 'defl:abandoned') deflection.started += value;
    else if (metric.startsWith('routed:')) {
      const reason = metric.slice('routed:'.length);
      if ((ESCALATION_REASONS as readonly string[]).includes(reason)) escalation[reason as EscalationReason] += value;
    }
  }
  const total = Object.fromEntries(CHANNELS.map((ch) => [ch, contactsDaily.reduce((n, d) => n + d[ch], 0)])) as Record<ContactChannel, number>;
  const byReason = Object.fromEntries(
    ESCALATION_REASONS.map((r) => [r, escalationDaily.reduce((n, d) => n + d[r], 0)]),
  ) as Record<EscalationReason, number>;
  const started = deflectionDaily.reduce((n, d) => n + d.started, 0);
  const deflected = deflectionDaily.reduce((n, d) => n + d.deflected, 0);
  return {
    period: { from: formatDay(p.fromDay), to: formatDay(p.toDay), days },
    productId: p.productId,
    contacts: { total, daily: contactsDaily },
    deflection: { started, deflected, rate: rate(deflected, started), daily: deflectionDaily },
    community: {
      questions: p.community.questions,
      answered: p.community.answered,
      answerRate: rate(p.community.answered, p.community.questions),
      medianFirstAnswerMs: p.community.medianFirstAnswerMs,
    },
    staff: {
      routed: p.staff.routed,
      responded: p.staff.responded,
      medianFirstResponseMs: p.staff.medianFirstResponseMs,
      resolved: p.staff.resolved,
      medianResolutionMs: p.staff.medianResolutionMs,
      withinSla: p.staff.withinSla,
      slaRate: rate(p.staff.withinSla, p.staff.responded),
    },
    escalations: { total: ESCALATION_REASONS.reduce((n, r) => n + byReason[r], 0), byReason, daily: escalationDaily },
    topProducts: p.topProducts,
    rootCauses: p.rootCauses,
    topContributors: p.contributors.map((c) => ({
      memberId: c.memberId ?? '',
      name: c.name ?? '',
      answers: c.answers,
      accepted: c.accepted,
      points: c.points,
      influence: c.influence,
    })),
    computedMs: p.computedMs,
  };
}
