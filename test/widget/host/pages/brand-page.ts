/**
 * A shop page for the host tests whose site has a brand colour in its settings (see ../host-page.ts):
 * like widget-page.ts, the widget with a fake API, exposed as `window.samenHost`.
 */
import { violations } from './record-violations.ts';
import { SamenWidget } from '../../../../widget/src/samen-widget.ts';
import { define } from '../../../../widget/src/internal/define.ts';
import { FakeApi } from '../../../fixtures/fake-api.ts';
import * as queries from '../../queries.ts';

define('samen-widget', SamenWidget);

const api = new FakeApi({ site: { name: 'Noordkust Outdoor', brandColor: '#c0392b' } });
const el = document.createElement('samen-widget');
el.api = api;
el.product = api.productId;
el.setAttribute('theme', 'light');
(document.querySelector('#widget-slot') ?? document.body).append(el);

Object.assign(window, { samenHost: { el, api, violations, queries } });
