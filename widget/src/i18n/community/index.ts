/**
 * Strings of the community features that load on first use. English travels with them; Dutch
 * and French are fetched (once) when a lazy element first renders in that language.
 */
import type { ReactiveControllerHost } from 'lit';
import type { PostNotice } from '../../../../worker/src/api-types.ts';
import { errorText, pickLanguage, type Language, type Strings } from '../index.ts';
import { en, type CommunityStrings } from './en.ts';

export type { CommunityStrings };

const loaded: Partial<Record<Language, CommunityStrings>> = { en };

export async function loadCommunityStrings(lang: string): Promise<CommunityStrings> {
  const l = pickLanguage(lang);
  return (loaded[l] ??= l === 'nl' ? (await import('./nl.ts')).nl : l === 'fr' ? (await import('./fr.ts')).fr : en);
}

/**
 * For a lazy element: its strings in the language of its core strings (`host.t`), or null while
 * they load (the host renders again once they have arrived).
 */
export function stringsFor(host: ReactiveControllerHost & { t: Strings }): CommunityStrings | null {
  const lang = host.t.lang;
  if (!loaded[lang]) void loadCommunityStrings(lang).then(() => host.requestUpdate());
  return loaded[lang] ?? null;
}

/** Translated text for an error code, the community features' own codes included. */
export function communityError(t: Strings, c: CommunityStrings, code: string): string {
  return Object.hasOwn(c.errors, code) ? c.errors[code as keyof CommunityStrings['errors']] : errorText(t, code);
}

/**
 * What to tell the author of a post that the API held for review or masked personal data in:
 * "Thanks! Your question will appear after a quick review." and/or "We hid an email address and
 * a phone number to protect your privacy." Empty when neither.
 */
export async function noticeText(notice: PostNotice, kind: 'question' | 'answer', lang: string): Promise<string> {
  const c = await loadCommunityStrings(lang);
  const masked = notice.masked.length
    ? c.masked(new Intl.ListFormat(pickLanguage(lang), { type: 'conjunction' }).format(notice.masked.map((k) => c.maskedKinds[k])))
    : '';
  return `${notice.status === 'held' ? (kind === 'question' ? c.heldQuestion : c.heldAnswer) : ''} ${masked}`.trim();
}
