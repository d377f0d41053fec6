/** The shop's page defines its own Lit element (a second copy of Lit) first, then gets the widget. */
import { HostCard } from './other-lit/host-card.ts';
import { LitElement } from 'lit';
import './widget-page.ts';

const card = document.createElement('host-card');
document.body.prepend(card);
Object.assign((window as unknown as { samenHost: object }).samenHost, { card, HostCard, WidgetLitElement: LitElement });
