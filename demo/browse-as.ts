/**
 * The demo shop's "Browse as" control. It plays the part of a real shop's backend and login:
 * choosing Anna (shopper) or Eva (expert) asks the demo-only endpoint to sign a token with the
 * demo site's secret, server-side, and hands it to the widget with `samen.identify(token)`.
 * This is the shop's own code, so it may remember the choice in the shop's sessionStorage.
 */
interface SamenGlobal {
  identify(token: string | null): void;
}

import { mountCheckout } from './checkout.ts';

const STORAGE_KEY = 'noordkust:browse-as';
const personas = [
  { value: 'guest', label: 'Guest' },
  { value: 'anna', label: 'Anna (shopper)' },
  { value: 'eva', label: 'Eva (expert)' },
] as const;

const samen = (): SamenGlobal | undefined => (window as typeof window & { samen?: SamenGlobal }).samen;

// Only the latest choice counts: a slower answer for an earlier choice must not win.
let latest = 0;

async function browseAs(persona: string, status: HTMLElement): Promise<void> {
  const request = ++latest;
  sessionStorage.setItem(STORAGE_KEY, persona);
  if (persona === 'guest') {
    samen()?.identify(null);
    status.textContent = '';
    return;
  }
  status.textContent = 'Signing in…';
  try {
    const res = await fetch('/api/v1/sites/demo/demo/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ persona }),
    });
    const body = (await res.json()) as { token?: string; name?: string };
    if (request !== latest) return;
    if (!res.ok || !body.token) throw new Error(`status ${res.status}`);
    samen()?.identify(body.token);
    status.textContent = `Signed in as ${body.name ?? persona}`;
  } catch {
    if (request !== latest) return;
    status.textContent = 'Could not sign in; browsing as a guest.';
    samen()?.identify(null);
  }
}

function mount(host: HTMLElement): void {
  const label = document.createElement('label');
  label.textContent = 'Browse as ';
  const select = document.createElement('select');
  for (const p of personas) select.append(new Option(p.label, p.value));
  const status = document.createElement('span');
  status.className = 'browse-as-status';
  status.setAttribute('role', 'status');
  label.append(select);
  host.append(label, status);
  const saved = sessionStorage.getItem(STORAGE_KEY);
  if (saved && personas.some((p) => p.value === saved)) {
    select.value = saved;
    if (saved !== 'guest') void browseAs(saved, status);
  }
  select.addEventListener('change', () => void browseAs(select.value, status));
}

for (const host of document.querySelectorAll<HTMLElement>('.browse-as')) mount(host);
mountCheckout();
