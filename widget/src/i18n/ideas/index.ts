/**
 * Strings of the Ideas tab. English travels with its lazy chunk; Dutch and French are fetched
 * (once) when the tab first renders in that language.
 */
import type { ReactiveControllerHost } from 'lit';
import { errorText, pickLanguage, type Language, type Strings } from '../index.ts';
import { en, type IdeaStrings } from './en.ts';

export type { IdeaStrings };

const loaded: Partial<Record<Language, IdeaStrings>> = { en };

export async function loadIdeaStrings(lang: string): Promise<IdeaStrings> {
  const l = pickLanguage(lang);
  return (loaded[l] ??= l === 'nl' ? (await import('./nl.ts')).nl : l === 'fr' ? (await import('./fr.ts')).fr : en);
}

/** The Ideas tab's strings in the language of the core strings (`host.t`), or null while they load. */
export function ideaStringsFor(host: ReactiveControllerHost & { t: Strings }): IdeaStrings | null {
  const lang = host.t.lang;
  if (!loaded[lang]) void loadIdeaStrings(lang).then(() => host.requestUpdate());
  return loaded[lang] ?? null;
}

/** Translated text for an error code, the ideas' own codes included. */
export function ideaError(t: Strings, c: IdeaStrings, code: string): string {
  return Object.hasOwn(c.errors, code) ? c.errors[code as keyof IdeaStrings['errors']] : errorText(t, code);
}
