/**
 * The demo checkout's "Pay now": the shop's backend (here the demo-only endpoint) signs a
 * purchase claim for the order with the site's secret and hands it to Samen, so the customer's
 * reviews of these products show "Verified buyer". A guest order has no customer to verify.
 */
import { demoOrder } from './catalog.ts';

/** Where "Browse as" keeps the chosen persona (see browse-as.ts). */
const BROWSE_AS_KEY = 'noordkust:browse-as';

export function mountCheckout(): void {
  const pay = document.querySelector<HTMLButtonElement>('main button.buy');
  if (!pay || !document.querySelector('.order-number')) return;
  const status = document.createElement('p');
  status.className = 'checkout-status';
  status.setAttribute('role', 'status');
  pay.after(status);
  pay.addEventListener('click', async () => {
    const persona = sessionStorage.getItem(BROWSE_AS_KEY);
    if (persona !== 'anna' && persona !== 'eva') {
      status.textContent = 'Choose “Browse as: Anna” first: a guest order has no customer account to verify.';
      return;
    }
    pay.disabled = true;
    status.textContent = 'Paying…';
    try {
      const res = await fetch('/api/v1/sites/demo/demo/checkout', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ persona, order: demoOrder.number, products: demoOrder.lines.map((l) => l.productId) }),
      });
      const body = (await res.json()) as { order?: string; name?: string };
      if (!res.ok || !body.order) throw new Error(`status ${res.status}`);
      status.textContent = `Thank you, ${body.name ?? ''}! Order ${body.order} is paid. Your reviews of these products show “Verified buyer”.`;
    } catch {
      status.textContent = 'The payment did not go through. Please try again.';
      pay.disabled = false;
    }
  });
}
