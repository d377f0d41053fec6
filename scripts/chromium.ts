/**
 * Finds a Chromium to test with: $CHROME_PATH, else /usr/bin/chromium, else the browser shipped
 * inside the @sparticuz/chromium npm package (unpacked to the temp dir on first use).
 */
import { existsSync } from 'node:fs';

/** Flags for a headless run on an offline machine, as root. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export async function chromiumPath(): Promise<string> {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const { default: chromium } = await import('@sparticuz/chromium');
  return chromium.executablePath();
}
