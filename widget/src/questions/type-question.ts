/**
 * `samen.ask(text)`'s work on the page's widget, in the community chunk (the suggestions it
 * sets off need that chunk anyway), so product pages that never call it do not carry it.
 */
import type { LitElement } from 'lit';

/**
 * Puts `text` into the Questions tab's question box of `widget` and focuses it; never sends it.
 * Typed as input, so similar questions show as if the shopper had typed it.
 */
export async function typeQuestion(widget: LitElement, text: string): Promise<void> {
  let el: Element | null = widget;
  for (const sel of ['samen-questions', 'samen-post-form', 'textarea']) {
    await (el as LitElement).updateComplete;
    // None in checkout mode or while the site is unavailable.
    if (!(el = (el as LitElement).renderRoot.querySelector(sel))) return;
  }
  const box = el as HTMLTextAreaElement;
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  box.focus();
}
