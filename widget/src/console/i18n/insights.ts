/**
 * The console's Insights view in English, Dutch and French (kept apart from the main console
 * strings, which other views share).
 */
import type { Language } from '../../i18n/index.ts';

const en = {
  tab: 'Insights',
};

export type ConsoleInsightsStrings = typeof en;

export const consoleInsightsStrings: Record<Language, ConsoleInsightsStrings> = {
  en,
  nl: { tab: 'Inzichten' },
  fr: { tab: 'Statistiques' },
};
