/** The chat panel's strings: English travels with the chunk, Dutch and French load on first use. */
import { pickLanguage } from '../index.ts';
import { en, type ChatStrings } from './en.ts';

export type { ChatStrings };

export async function loadChatStrings(lang: string | null | undefined): Promise<ChatStrings> {
  const l = pickLanguage(lang);
  return l === 'nl' ? (await import('./nl.ts')).nl : l === 'fr' ? (await import('./fr.ts')).fr : en;
}

/** A readable sentence for an API error code. */
export const chatError = (s: ChatStrings, code: string): string => s.errors[code] ?? s.error;
