import { html, nothing } from 'lit';
import { relativeTime } from '../internal/relative-time.ts';
import type { PublicAuthor } from '../../../worker/src/api-types.ts';
import type { Strings } from '../i18n/index.ts';

/** Name, "Expert" or "<Brand> team" badge, "(you)" and date of a question or answer. */
export const byline = (t: Strings, p: PublicAuthor & { createdAt: number }, now: number) =>
  html`${p.formerMember ? t.formerMember : (p.authorName ?? t.anonymous)}
    ${p.authorRole === 'expert' || p.authorRole === 'staff'
      ? html`<span class="badge">${p.authorRole === 'staff' ? t.staffTeam(t.brand) : t.expert}</span>`
      : nothing}
    ${p.mine ? html`(${t.you})` : nothing} ·
    <time datetime=${new Date(p.createdAt).toISOString()}>${relativeTime(p.createdAt, now, t.lang)}</time>`;
