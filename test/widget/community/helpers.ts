/**
 * Helpers for the community-answers component tests: mounting the Questions tab with a fake API,
 * waiting for debounced searches, and the radio buttons of the report form (native radios, which
 * the shared queries do not give a role).
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../../widget/src/questions/samen-questions.ts';
import type { SamenQuestions } from '../../../widget/src/questions/samen-questions.ts';
import type { Me } from '../../../widget/src/api/client.ts';
import type { Strings } from '../../../widget/src/i18n/index.ts';
import { en } from '../../../widget/src/i18n/index.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { deepQueryAll, waitForNoText } from '../queries.ts';

/** Mounts the Questions tab for `api`; `site` names its storage (use a fresh one per test). */
export async function questionsTab(
  api: FakeApi,
  { me = null, site = '', t = en }: { me?: Me | null; site?: string; t?: Strings } = {},
): Promise<SamenQuestions> {
  const el = await fixture<SamenQuestions>(
    html`<samen-questions .api=${api} .me=${me} .t=${t} product=${api.productId} site=${site}></samen-questions>`,
  );
  await waitForNoText(el, t.loading);
  return el;
}

/** A site id no other test (or test file running in parallel) uses. */
export const freshSite = (): string => `site-${crypto.randomUUID().slice(0, 8)}`;

/** Waits until `calls()` has grown to `count` entries (2 s), e.g. debounced searches. */
export async function waitForCalls(calls: () => unknown[], count: number, what = 'calls'): Promise<void> {
  await waitUntil(() => calls().length >= count, `expected ${count} ${what}, saw ${calls().length}`, {
    timeout: 2000,
    interval: 10,
  });
}

/** The radio buttons under `root` (through shadow roots), with their labels. */
export function radios(root: Element): { input: HTMLInputElement; label: string }[] {
  return deepQueryAll<HTMLInputElement>(root, 'input[type="radio"]').map((input) => ({
    input,
    // The label's own text (the shared accessibleName also reads the radio's value into it).
    label: (input.labels?.[0]?.textContent ?? '').replace(/\s+/g, ' ').trim(),
  }));
}

/** The radio labelled `label`; throws listing the labels present when it is not there. */
export function radio(root: Element, label: string): HTMLInputElement {
  const all = radios(root);
  const found = all.find((r) => r.label === label);
  if (!found) throw new Error(`No radio "${label}"; radios present: ${all.map((r) => JSON.stringify(r.label)).join(', ')}`);
  return found.input;
}

/** Checks a radio as a click would (fires input and change). */
export function choose(input: HTMLInputElement): void {
  input.click();
}

/** Resolves after `ms` milliseconds (to prove nothing happens within a debounce window). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
