/**
 * Queries that look at the widget the way a user (or a screen reader) does: through every
 * shadow root, by role and accessible name, and by rendered text. Failures say what was there
 * instead, so a broken test explains itself.
 *
 * The name computation is a small subset of accname (aria-labelledby, aria-label, <label for>,
 * then text content), which is all the widget uses; one test cross-checks it against Chromium's
 * own accessibility tree.
 */
import { waitUntil } from '@open-wc/testing';

type Root = Element | ShadowRoot | Document;

/** Every element under `root`, descending into open shadow roots, in document order. */
export function deepElements(root: Root): Element[] {
  const found: Element[] = [];
  const visit = (node: Element | ShadowRoot | Document): void => {
    for (const child of Array.from(node.children)) {
      found.push(child);
      if (child.shadowRoot) visit(child.shadowRoot);
      visit(child);
    }
  };
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  visit(root);
  return found;
}

/** Elements matching a CSS selector anywhere under `root`, shadow roots included. */
export function deepQueryAll<E extends Element = Element>(root: Root, selector: string): E[] {
  return deepElements(root).filter((el): el is E => el.matches(selector));
}

/** Rendered text as a user reads it: shadow content instead of light children, whitespace collapsed. */
export function visibleText(root: Root): string {
  const parts: string[] = [];
  const visit = (node: Node): void => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof HTMLStyleElement || node instanceof HTMLScriptElement) return;
    if (node instanceof HTMLTextAreaElement || node instanceof HTMLInputElement) {
      parts.push(` ${node.value} `);
      return;
    }
    const children = node instanceof Element && node.shadowRoot ? node.shadowRoot.childNodes : node.childNodes;
    for (const child of Array.from(children)) visit(child);
    if (node instanceof Element && getComputedStyle(node).display !== 'inline') parts.push(' ');
  };
  visit(root);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

const IMPLICIT_ROLES: Record<string, string | ((el: Element) => string | null)> = {
  button: 'button',
  textarea: 'textbox',
  input: (el) => (['', 'text', 'email', 'search'].includes((el as HTMLInputElement).type) ? 'textbox' : null),
  a: (el) => (el.hasAttribute('href') ? 'link' : null),
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  ul: 'list',
  ol: 'list',
  li: 'listitem',
  article: 'article',
  form: 'form',
  section: (el) => (el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? 'region' : null),
  time: 'time',
  dialog: 'dialog',
};

/** The element's ARIA role: explicit, else the implicit one for the elements the widget uses. */
export function roleOf(el: Element): string | null {
  const explicit = el.getAttribute('role');
  if (explicit) return explicit.split(/\s+/)[0] ?? null;
  const implicit = IMPLICIT_ROLES[el.localName];
  return typeof implicit === 'function' ? implicit(el) : (implicit ?? null);
}

const byIdInScope = (el: Element, id: string): Element | null =>
  (el.getRootNode() as Document | ShadowRoot).getElementById(id);

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Accessible name, computed the way the widget's markup needs it. */
export function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    return collapse(
      labelledBy
        .split(/\s+/)
        .map((id) => byIdInScope(el, id))
        .map((ref) => (ref ? visibleText(ref) : ''))
        .join(' '),
    );
  }
  const label = el.getAttribute('aria-label');
  if (label?.trim()) return collapse(label);
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement || el instanceof HTMLSelectElement) {
    return collapse(Array.from(el.labels ?? []).map((l) => visibleText(l)).join(' '));
  }
  if (['button', 'tab', 'link', 'heading', 'listitem', 'time'].includes(roleOf(el) ?? '')) return visibleText(el);
  return '';
}

/** Text of the elements that describe `el` (aria-describedby), e.g. a field's error and hint. */
export function accessibleDescription(el: Element): string {
  const ids = el.getAttribute('aria-describedby')?.split(/\s+/).filter(Boolean) ?? [];
  return collapse(ids.map((id) => byIdInScope(el, id)).map((ref) => (ref ? visibleText(ref) : '')).join(' '));
}

/** Not shown to anyone: `hidden`, `display: none`, or inside such an element. */
function isHidden(el: Element): boolean {
  return el.closest('[hidden]') !== null || !el.checkVisibility();
}

export type NameMatcher = string | RegExp;

const nameMatches = (name: string, expected: NameMatcher | undefined): boolean =>
  expected === undefined || (typeof expected === 'string' ? name === expected : expected.test(name));

/** All elements with `role` (and `name`, exact string or pattern) under `root`. */
export function queryAllByRole<E extends Element = HTMLElement>(root: Root, role: string, name?: NameMatcher): E[] {
  return deepElements(root).filter(
    (el): el is E => roleOf(el) === role && !isHidden(el) && nameMatches(accessibleName(el), name),
  );
}

function describeCandidates(root: Root, role: string): string {
  const all = queryAllByRole(root, role).map((el) => JSON.stringify(accessibleName(el)));
  return all.length ? `${role}s present: ${all.join(', ')}` : `no ${role} is present`;
}

/** The one element with `role` and `name`; throws (listing what is there) if none or several. */
export function getByRole<E extends Element = HTMLElement>(root: Root, role: string, name?: NameMatcher): E {
  const found = queryAllByRole<E>(root, role, name);
  const what = `${role}${name === undefined ? '' : ` named ${String(name)}`}`;
  if (found.length === 1) return found[0] as E;
  if (found.length > 1) throw new Error(`Found ${found.length} elements with role ${what}; expected one.`);
  throw new Error(`No element with role ${what}: ${describeCandidates(root, role)}.`);
}

/** Waits (up to 2 s) until exactly one element with `role` and `name` is present, and returns it. */
export async function findByRole<E extends Element = HTMLElement>(root: Root, role: string, name?: NameMatcher): Promise<E> {
  try {
    await waitUntil(() => queryAllByRole(root, role, name).length === 1, '', { timeout: 2000, interval: 10 });
  } catch {
    // fall through: getByRole explains what is there instead
  }
  return getByRole<E>(root, role, name);
}

/** Waits (up to 2 s) until `root` shows `text` (string or pattern); fails with what it shows instead. */
export async function waitForText(root: Root, text: NameMatcher): Promise<void> {
  const shows = (): boolean => {
    const seen = visibleText(root);
    return typeof text === 'string' ? seen.includes(text) : text.test(seen);
  };
  try {
    await waitUntil(shows, '', { timeout: 2000, interval: 10 });
  } catch {
    throw new Error(`Expected the widget to show ${String(text)}, but it shows: "${visibleText(root)}"`);
  }
}

/** Waits (up to 2 s) until `root` no longer shows `text`, e.g. a loading message. */
export async function waitForNoText(root: Root, text: string): Promise<void> {
  try {
    await waitUntil(() => !visibleText(root).includes(text), '', { timeout: 2000, interval: 10 });
  } catch {
    throw new Error(`Expected the widget to stop showing "${text}", but it shows: "${visibleText(root)}"`);
  }
  await settle();
}

/** The element that has keyboard focus, looking through shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Types into a text field as a user would (sets the value and fires `input`). */
export function typeInto(field: HTMLTextAreaElement | HTMLInputElement, text: string): void {
  field.focus();
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: text }));
}

/** Clicks a button and lets Lit render what it caused (two frames cover nested components). */
export async function click(button: HTMLElement): Promise<void> {
  button.click();
  await settle();
}

/** Waits until pending promises and renders (including nested Lit elements) have run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await Promise.all(deepElements(document.body).map((el) => (el as { updateComplete?: Promise<unknown> }).updateComplete));
  }
}

/** The questions in the list named `listName`, top to bottom, each read as its accessible name. */
export function listedQuestions(root: Root, listName = 'Questions about this product'): string[] {
  const list = queryAllByRole(root, 'list', listName)[0];
  if (!list) return [];
  return queryAllByRole(list, 'article').map((article) => accessibleName(article));
}
