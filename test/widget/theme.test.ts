/**
 * Dark mode and brand colour (issue 10): the widget follows the shopper's `prefers-color-scheme`
 * unless the site picks a scheme (`theme="light|dark"`) or sets its own `--samen-*` colours.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { SamenWidget } from '../../widget/src/samen-widget.ts';
import { define } from '../../widget/src/internal/define.ts';
import { FakeApi } from '../fixtures/fake-api.ts';
import { findByRole, getByRole } from './queries.ts';

define('samen-widget', SamenWidget);

const WHITE = 'rgb(255, 255, 255)';

async function widget(attrs: { theme?: string; style?: string } = {}) {
  const api = new FakeApi();
  const el = await fixture<SamenWidget>(
    html`<samen-widget .api=${api} product=${api.productId} theme=${attrs.theme ?? ''} style=${attrs.style ?? ''}></samen-widget>`,
  );
  await findByRole(el, 'tab', 'Questions');
  return el;
}

/** The widget's own box, and a field deep inside a nested component (which runs the tokens again). */
function colours(el: SamenWidget) {
  const box = getComputedStyle(el.shadowRoot!.querySelector('.container')!);
  const field = getComputedStyle(getByRole(el, 'textbox', 'Your question'));
  return { background: box.backgroundColor, text: box.color, field: field.backgroundColor, fieldText: field.color };
}

describe('colour scheme', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it('is light by default and dark when the shopper prefers dark, nested components too', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const light = colours(await widget());
    expect(light.background).to.equal(WHITE);
    await emulateMedia({ colorScheme: 'dark' });
    const dark = colours(await widget());
    expect(dark.background).not.to.equal(light.background);
    expect(dark.text).not.to.equal(light.text);
    expect(dark.field).to.equal(dark.background);
    expect(dark.fieldText).to.equal(dark.text);
  });

  it('stays light with theme="light" when the shopper prefers dark, nested components too', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const c = colours(await widget({ theme: 'light' }));
    expect(c.background).to.equal(WHITE);
    expect(c.field).to.equal(WHITE);
  });

  it('is dark with theme="dark" when the shopper prefers light', async () => {
    await emulateMedia({ colorScheme: 'light' });
    await emulateMedia({ colorScheme: 'dark' });
    const preferred = colours(await widget());
    await emulateMedia({ colorScheme: 'light' });
    const forced = colours(await widget({ theme: 'dark' }));
    expect(forced).to.deep.equal(preferred);
  });

  it("keeps the site's own --samen-* colours in either scheme", async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const c = colours(await widget({ style: '--samen-surface: rgb(250, 240, 230); --samen-text: rgb(10, 20, 30)' }));
    expect(c.background).to.equal('rgb(250, 240, 230)');
    expect(c.field).to.equal('rgb(250, 240, 230)');
    expect(c.text).to.equal('rgb(10, 20, 30)');
  });
});
