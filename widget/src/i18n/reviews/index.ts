/**
 * Strings of the Reviews tab. English travels with its lazy chunk; Dutch and French are fetched
 * (once) when the tab first renders in that language.
 */
import type { ReactiveControllerHost } from 'lit';
import { errorText, pickLanguage, type Language, type Strings } from '../index.ts';
import { en, type ReviewStrings } from './en.ts';

export type { ReviewStrings };

const loaded: Partial<Record<Language, ReviewStrings>> = { en };

export async function loadReviewStrings(lang: string): Promise<ReviewStrings> {
  const l = pickLanguage(lang);
  return (loaded[l] ??= l === 'nl' ? (await import('./nl.ts')).nl : l === 'fr' ? (await import('./fr.ts')).fr : en);
}

/** The Reviews tab's strings in the language of the core strings (`host.t`), or null while they load. */
export function reviewStringsFor(host: ReactiveControllerHost & { t: Strings }): ReviewStrings | null {
  const lang = host.t.lang;
  if (!loaded[lang]) void loadReviewStrings(lang).then(() => host.requestUpdate());
  return loaded[lang] ?? null;
}

/** Translated text for an error code, the reviews' own codes included. */
export function reviewError(t: Strings, r: ReviewStrings, code: string): string {
  return Object.hasOwn(r.errors, code) ? r.errors[code as keyof ReviewStrings['errors']] : errorText(t, code);
}
