/**
 * A shop page for the host tests, loaded in an iframe (see ../host-page.ts): records every
 * CSP / Trusted Types violation from the start, then mounts <samen-widget> with a fake API and
 * exposes the widget and the shared queries (running in this page's realm) as `window.samenHost`.
 */
import { violations } from './record-violations.ts';
import { SamenWidget } from '../../../../widget/src/samen-widget.ts';
import { define } from '../../../../widget/src/internal/define.ts';
import { FakeApi } from '../../../fixtures/fake-api.ts';
import * as queries from '../../queries.ts';

define('samen-widget', SamenWidget);

const api = new FakeApi({ site: { name: 'Noordkust Outdoor' } });
const q = api.addQuestion({ text: 'Is the jacket waterproof?' });
api.addAnswer(q.id, { text: 'Yes, fully taped seams.' });
const el = document.createElement('samen-widget');
el.api = api;
el.product = api.productId;
(document.querySelector('#widget-slot') ?? document.body).append(el);

Object.assign(window, { samenHost: { el, api, violations, queries } });
