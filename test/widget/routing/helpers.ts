/**
 * Helpers for the routing tests: the widget on a product page of "Noordkust Outdoor" (the brand
 * whose team answers private questions), asking a question, and speeding up the reply polling.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { SamenWidget } from '../../../widget/src/samen-widget.ts';
import { define } from '../../../widget/src/internal/define.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { click, deepQueryAll, findByRole, getByRole, queryAllByRole, typeInto, visibleText, waitForNoText } from '../queries.ts';

// The loader registers the element with a config (API base, site); tests hand it an api instead.
define('samen-widget', SamenWidget);

export const BRAND = 'Noordkust Outdoor';

/** A fake API for the brand's shop. */
export const brandApi = (): FakeApi => new FakeApi({ site: { name: BRAND } });

/** Words of the ask form per language. */
export const ASK = {
  en: { box: 'Your question', button: 'Post question', loading: 'Loading questions…' },
  nl: { box: 'Je vraag', button: 'Vraag plaatsen', loading: 'Vragen laden…' },
  fr: { box: 'Votre question', button: 'Publier la question', loading: 'Chargement des questions…' },
} as const;

/** The widget on the product page, in `lang`, once its list has loaded. */
export async function productWidget(api: FakeApi, lang: keyof typeof ASK = 'en'): Promise<SamenWidget> {
  const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId} lang=${lang}></samen-widget>`);
  await findByRole(el, 'textbox', ASK[lang].box);
  await waitForNoText(el, ASK[lang].loading);
  return el;
}

/** Types `text` into the ask form and posts it. */
export async function ask(el: Element, text: string, lang: keyof typeof ASK = 'en'): Promise<void> {
  typeInto(getByRole<HTMLTextAreaElement>(el, 'textbox', ASK[lang].box), text);
  await click(getByRole(el, 'button', ASK[lang].button));
}

/** Makes the widget look for the team's reply every `ms` instead of every 5 s. */
export async function pollEvery(el: Element, ms: number): Promise<void> {
  await waitUntil(() => deepQueryAll(el, 'samen-routing').length > 0, 'no <samen-routing> in the widget');
  for (const routing of deepQueryAll<HTMLElement & { interval: number }>(el, 'samen-routing')) routing.interval = ms;
}

/** Texts of the live regions (role=status) under `el`. */
export const statusTexts = (el: Element): string[] => queryAllByRole(el, 'status').map((s) => visibleText(s));

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
