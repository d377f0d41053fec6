/**
 * The console's Ideas view in English, Dutch and French (kept apart from the main console
 * strings, which other views share).
 */
import type { Language } from '../../i18n/index.ts';

const en = {
  tab: 'Ideas',
};

export type ConsoleIdeasStrings = typeof en;

export const consoleIdeasStrings: Record<Language, ConsoleIdeasStrings> = {
  en,
  nl: { tab: 'Ideeën' },
  fr: { tab: 'Idées' },
};
