/**
 * A host page of its own for each test: an iframe (same origin, so the test can look inside)
 * whose document has the head a shop chose (a CSP, Trusted Types, a CSS reset, an import map…)
 * and loads a page module from ./pages/. Resolves with what the module put on `window.samenHost`.
 */
import { waitUntil } from '@open-wc/testing';
import type { SamenWidget } from '../../../widget/src/samen-widget.ts';
import type { FakeApi } from '../../fixtures/fake-api.ts';
import type * as Queries from '../queries.ts';

export interface Host {
  el: SamenWidget;
  api: FakeApi;
  violations: string[];
  queries: typeof Queries;
  frame: HTMLIFrameElement;
  win: Window & typeof globalThis;
}

export async function hostPage({ head = '', body = '<div id="widget-slot"></div>', page = 'widget-page.ts' } = {}): Promise<Host> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'inline-size: 800px; block-size: 900px; border: 0';
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}
    <script type="module" src="/test/widget/host/pages/${page}"></script></head><body>${body}</body></html>`;
  document.body.append(frame);
  await waitUntil(() => (frame.contentWindow as { samenHost?: unknown } | null)?.samenHost, `the host page ${page} did not start`, { timeout: 8000 });
  const win = frame.contentWindow as Window & typeof globalThis & { samenHost: Omit<Host, 'frame' | 'win'> };
  return { ...win.samenHost, frame, win };
}
