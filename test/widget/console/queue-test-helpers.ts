/**
 * Helpers for the queue and routing tests: form fields by their accessible name (selects and
 * number inputs have roles the shared queries do not map) and choosing an option as a user would.
 */
import { expect } from '@open-wc/testing';
import { accessibleName, deepQueryAll, settle } from '../queries.ts';

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** The one visible input, select or textarea named `name` under `root`. */
export function field<E extends Field = HTMLInputElement>(root: Element, name: string): E {
  const all = deepQueryAll<E>(root, 'input, select, textarea').filter((f) => f.checkVisibility());
  const found = all.filter((f) => accessibleName(f) === name);
  expect(found, `one field named ${JSON.stringify(name)}; fields present: ${all.map((f) => JSON.stringify(accessibleName(f))).join(', ')}`).to.have.length(1);
  return found[0] as E;
}

/** Picks the option with `value` in the select named `name`, firing `change` like a user's choice. */
export async function choose(root: Element, name: string, value: string): Promise<void> {
  const select = field<HTMLSelectElement>(root, name);
  expect(Array.from(select.options).map((o) => o.value), `options of ${name}`).to.include(value);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await settle();
}

/** The text of the options of the select named `name`. */
export const optionTexts = (root: Element, name: string): string[] =>
  Array.from(field<HTMLSelectElement>(root, name).options).map((o) => o.text.replace(/\s+/g, ' ').trim());

/** Types into a field (any kind) and fires `input`. */
export function fill(f: Field, value: string): void {
  f.focus();
  f.value = value;
  f.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
