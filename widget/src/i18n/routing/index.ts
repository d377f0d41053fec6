/**
 * Strings of routing to the brand's team, loaded with the routing and checkout chunks. English
 * travels with them; Dutch and French are fetched (once) when a routing element first renders
 * in that language.
 */
import type { ReactiveControllerHost } from 'lit';
import { errorText, pickLanguage, type Language, type Strings } from '../index.ts';
import { en, type RoutingStrings } from './en.ts';

export type { RoutingStrings };

const loaded: Partial<Record<Language, RoutingStrings>> = { en };

export async function loadRoutingStrings(lang: string): Promise<RoutingStrings> {
  const l = pickLanguage(lang);
  return (loaded[l] ??= l === 'nl' ? (await import('./nl.ts')).nl : l === 'fr' ? (await import('./fr.ts')).fr : en);
}

/**
 * For a routing element: its strings in the language of its core strings (`host.t`), or null
 * while they load (the host renders again once they have arrived).
 */
export function routingStringsFor(host: ReactiveControllerHost & { t: Strings }): RoutingStrings | null {
  const lang = host.t.lang;
  if (!loaded[lang]) void loadRoutingStrings(lang).then(() => host.requestUpdate());
  return loaded[lang] ?? null;
}

/** Translated text for an error code, routing's own codes included. */
export function routingError(t: Strings, r: RoutingStrings, code: string): string {
  return Object.hasOwn(r.errors, code) ? r.errors[code as keyof RoutingStrings['errors']] : errorText(t, code);
}

/** The shop's name as the sentences use it: the site's name, or "the shop" before it is known. */
export const brandOf = (t: Strings, r: RoutingStrings): string => t.brand || r.theShop;

/** Core strings whose error messages also know routing's codes (for the shared post form). */
export const withRoutingErrors = (t: Strings, r: RoutingStrings): Strings => ({ ...t, errors: { ...t.errors, ...r.errors } });
