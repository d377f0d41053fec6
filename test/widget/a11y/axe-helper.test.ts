/**
 * The axe helper itself: it must see inside (nested) shadow roots, or every "zero violations"
 * test in this folder could pass without looking at the widget at all.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { axeViolations, expectNoAxeViolations } from '../axe.ts';

/** A host element whose shadow root holds another shadow root with `inner` markup. */
async function nestedShadow(inner: string): Promise<HTMLElement> {
  const host = await fixture<HTMLElement>(html`<div></div>`);
  const outer = host.attachShadow({ mode: 'open' });
  outer.innerHTML = '<p>outer text</p><span></span>';
  const deeper = outer.querySelector('span')!.attachShadow({ mode: 'open' });
  deeper.innerHTML = inner;
  return host;
}

describe('expectNoAxeViolations', () => {
  it('finds a nameless button and a low-contrast text two shadow roots deep, and says where', async () => {
    const host = await nestedShadow(
      '<button type="button"></button><p style="color:#bbb;background:#fff">pale text</p><input type="text">',
    );
    const ids = (await axeViolations(host)).map((v) => v.id).sort();
    expect(ids).to.deep.equal(['button-name', 'color-contrast', 'label']);

    let message = '';
    try {
      await expectNoAxeViolations(host);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.contain('axe found 3 accessibility violation(s)');
    expect(message).to.contain('button-name: Buttons must have discernible text');
    expect(message).to.contain('<button type="button"></button>');
    expect(message, 'shadow path in the target').to.contain('>>>');
  });

  it('finds a broken ARIA reference in a Lit-style open shadow root', async () => {
    const host = await nestedShadow('<div role="tablist"><div role="tab" aria-selected="yes">A</div></div>');
    const ids = (await axeViolations(host)).map((v) => v.id);
    expect(ids).to.include('aria-valid-attr-value');
  });

  it('passes clean shadow content, and switches off only the rules a test names', async () => {
    await expectNoAxeViolations(await nestedShadow('<button type="button">Send</button><label>Name <input type="text"></label>'));
    const broken = await nestedShadow('<img src="data:," width="40" height="40"><input type="text">');
    expect((await axeViolations(broken)).map((v) => v.id).sort()).to.deep.equal(['image-alt', 'label']);
    const ids = (await axeViolations(broken, { disable: ['image-alt'] })).map((v) => v.id);
    expect(ids).to.deep.equal(['label']);
  });
});
