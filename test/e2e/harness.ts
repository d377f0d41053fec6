/**
 * Starts the real server the way `npm start` does (build, migrate, seed, wrangler dev) on a
 * free port with its own database folder, plus small static servers that play "another shop's
 * origin" for the cross-origin embed tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  origin: string;
  port: number;
  stop(): Promise<void>;
}

/** `npm start`'s own script, detached so the whole process group (npm, wrangler, workerd) can be stopped. */
export async function startApp(
  extraOrigins: string[],
  opts: { persistTo?: string; port?: number } = {},
): Promise<RunningApp> {
  const port = opts.port ?? (await freePort());
  const persistTo = opts.persistTo ?? mkdtempSync(join(tmpdir(), 'samen-e2e-'));
  let log = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'scripts/start.ts'), '--persist-to', persistTo, '--ip', '127.0.0.1'],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(port), SAMEN_DEMO_ORIGINS: extraOrigins.join(',') },
    },
  );
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    rmSync(persistTo, { recursive: true, force: true });
  };
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${origin}/api/v1/health`);
      if (res.ok) return { origin, port, stop };
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`the server did not become healthy on ${origin}\n${log}`);
}

/** Serves the built demo product page from another origin, its script tag pointing at the app. */
export async function startForeignShop(appOrigin: string, port: number, page: string): Promise<Server> {
  const html = readFileSync(join(root, 'dist', page), 'utf8')
    .replace('src="/widget.js"', `src="${appOrigin}/widget.js"`)
    .replaceAll('href="/', `href="${appOrigin}/`);
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/' || req.url?.startsWith('/products/') ? 200 : 404, {
      'Content-Type': 'text/html; charset=utf-8',
    });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), headless: true, args: chromiumArgs });
}

/** Collects page errors and dialogs: a widget on someone's shop must never throw or pop up. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return problems;
}

/** Resolves everything in the demo site's queue (end-to-end files share one server and its queue). */
export async function clearDemoQueue(origin: string): Promise<void> {
  const signIn = await fetch(`${origin}/api/v1/console/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ email: 'owner@noordkust.example', password: 'noordkust-owner-2026' }),
  });
  if (signIn.status !== 200) throw new Error(`console sign-in answered ${signIn.status}`);
  const cookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';
  const queue = (await (await fetch(`${origin}/api/v1/console/queue`, { headers: { Cookie: cookie } })).json()) as { items: { id: string }[] };
  for (const item of queue.items) {
    await fetch(`${origin}/api/v1/console/queue/${item.id}/resolve`, { method: 'POST', headers: { Cookie: cookie, Origin: origin } });
  }
}
