import { en, type ErrorCode, type Strings } from './en.ts';
import type { Language } from '../../../worker/src/api-types.ts';

export type { ErrorCode, Strings, Language };
export { en };

const LANGUAGES: readonly Language[] = ['en', 'nl', 'fr'];

/** The first supported language among the candidates (`nl-BE` counts as `nl`), else English. */
export function pickLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const c of candidates) {
    const base = c?.slice(0, 2).toLowerCase();
    const found = LANGUAGES.find((l) => l === base);
    if (found) return found;
  }
  return 'en';
}

/** English ships in the core; other languages are lazy chunks fetched on first use. */
export async function loadStrings(lang: Language): Promise<Strings> {
  if (lang === 'nl') return (await import('./nl.ts')).nl;
  if (lang === 'fr') return (await import('./fr.ts')).fr;
  return en;
}

/** Translated text for an API or network error code; unknown codes get a generic message. */
export function errorText(t: Strings, code: string): string {
  return Object.hasOwn(t.errors, code) ? t.errors[code as ErrorCode] : t.errors.generic;
}
