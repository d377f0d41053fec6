/** Shared by the idea board's tests: the board on a page, loaded. */
import { fixture, html } from '@open-wc/testing';
import '../../../widget/src/ideas/samen-ideas.ts';
import type { SamenIdeas } from '../../../widget/src/ideas/samen-ideas.ts';
import type { Me } from '../../../widget/src/api/client.ts';
import { en, type Strings } from '../../../widget/src/i18n/index.ts';
import type { FakeApi } from '../../fixtures/fake-api.ts';
import { waitForNoText } from '../queries.ts';

/** <samen-ideas> on the fake API's product (or `product`), once its first list is there. */
export async function board(api: FakeApi, { me = null, t = en, product = api.productId }: { me?: Me | null; t?: Strings; product?: string } = {}): Promise<SamenIdeas> {
  const el = await fixture<SamenIdeas>(html`<samen-ideas .api=${api} .me=${me} .t=${t} product=${product}></samen-ideas>`);
  await waitForNoText(el, 'Loading ideas…');
  return el;
}
