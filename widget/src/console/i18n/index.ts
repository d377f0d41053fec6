import { en, type ConsoleStrings } from './en.ts';
import { nl } from './nl.ts';
import { fr } from './fr.ts';
import { ConsoleApiError } from '../api.ts';
import { pickLanguage, type Language } from '../../i18n/index.ts';

export type { ConsoleStrings, Language };
export { en };

const locales: Record<Language, ConsoleStrings> = { en, nl, fr };

/** The console's strings for the page's language (`<html lang>`), English when it is not one we have. */
export function consoleStrings(lang: string | null | undefined): { language: Language; t: ConsoleStrings } {
  const language = pickLanguage(lang);
  return { language, t: locales[language] };
}

const minutes = (seconds: number | null): number => Math.max(1, Math.ceil((seconds ?? 60) / 60));

/**
 * Readable text for a failed call. Input errors the API reports as the generic `invalid_input`
 * get the text of the field they concern (`field`), so the owner still learns what to fix.
 */
export function consoleErrorText(t: ConsoleStrings, err: unknown, field?: keyof ConsoleStrings['errors']): string {
  if (!(err instanceof ConsoleApiError)) return t.errors.generic;
  switch (err.code) {
    case 'account_locked':
      return t.errors.account_locked(minutes(err.retryAfter));
    case 'rate_limited':
      return t.errors.rate_limited(minutes(err.retryAfter));
    case 'invalid_input':
      return field ? textOf(t, field) : t.errors.generic;
    default:
      return Object.hasOwn(t.errors, err.code) ? textOf(t, err.code as keyof ConsoleStrings['errors']) : t.errors.generic;
  }
}

function textOf(t: ConsoleStrings, code: keyof ConsoleStrings['errors']): string {
  const text = t.errors[code];
  return typeof text === 'function' ? text(1) : text;
}
