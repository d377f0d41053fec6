/**
 * Strings of reputation and the profile card. English travels with the community chunk; Dutch and
 * French are fetched (once) when an author's level first renders in that language.
 */
import type { ReactiveControllerHost } from 'lit';
import type { PublicReputation } from '../../../../worker/src/reputation-types.ts';
import type { Language, Strings } from '../index.ts';
import { en, type ProfileStrings } from './en.ts';

export type { ProfileStrings };

const loaded: Partial<Record<Language, ProfileStrings>> = { en };

/** The host's strings in the language of its core strings (`host.t`), or null while they load. */
export function profileStringsFor(host: ReactiveControllerHost & { t: Strings }): ProfileStrings | null {
  const lang = host.t.lang;
  if (!loaded[lang]) {
    void (lang === 'nl' ? import('./nl.ts').then((m) => m.nl) : import('./fr.ts').then((m) => m.fr)).then((s) => {
      loaded[lang] = s;
      host.requestUpdate();
    });
  }
  return loaded[lang] ?? null;
}

/** The owner's name for a level, else Samen's in the reader's language. */
export const levelText = (p: ProfileStrings, r: Pick<PublicReputation, 'level' | 'levelName'>): string => r.levelName ?? p.levels[r.level];
