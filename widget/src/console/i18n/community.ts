/**
 * The console's Community view in English, Dutch and French (kept apart from the main console
 * strings, which other views share).
 */
import type { Language } from '../../i18n/index.ts';

const en = {
  tab: 'Community',
};

export type ConsoleCommunityStrings = typeof en;

export const consoleCommunityStrings: Record<Language, ConsoleCommunityStrings> = {
  en,
  nl: { tab: 'Community' },
  fr: { tab: 'Communauté' },
};
