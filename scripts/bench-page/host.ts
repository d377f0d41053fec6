/**
 * A tiny local web server playing "a shop without Samen": the demo product page with Samen's
 * script tag and element taken out, and the same page with each peer widget embedded the way its
 * documentation says, their files served from the unpacked npm packages.
 *
 *   /bare          the shop page, no chat or community widget
 *   /rocketchat    + Rocket.Chat Livechat (loader snippet; its iframe app under /livechat)
 *   /n8n-chat      + n8n chat (style.css + chat.bundle.es.js, createChat with a local webhook)
 *
 * Nothing here reaches the internet; the peers' calls to their servers get a 404 (Rocket.Chat)
 * or an empty answer from a dummy webhook (n8n), so what is measured is what they load and run.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { Peer } from './peers.ts';

export interface HostPages {
  origin: string;
  bare: string;
  rocketChat: string;
  n8nChat: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** The demo page minus Samen: its loader script tag and its element (nothing else changes). */
export function withoutSamen(html: string): string {
  const stripped = html
    .replace(/[ \t]*<script\b[^>]*\bsrc="[^"]*widget\.js"[^>]*><\/script>\s*\n?/g, '')
    .replace(/[ \t]*<samen-widget\b[\s\S]*?<\/samen-widget>\s*\n?/g, '');
  if (/samen-widget|widget\.js/.test(stripped)) throw new Error('the demo page embeds Samen in a way the bench cannot strip');
  return stripped;
}

const inBody = (html: string, snippet: string) => html.replace('</body>', `${snippet}\n</body>`);

/** Rocket.Chat's documented embed snippet, pointed at the local copy of its build. */
const rocketChatSnippet = (origin: string) => `<script type="text/javascript">
(function(w, d, s, u) {
  w.RocketChat = function(c) { w.RocketChat._.push(c) }; w.RocketChat._ = []; w.RocketChat.url = u;
  var h = d.getElementsByTagName(s)[0], j = d.createElement(s);
  j.async = true; j.src = '${origin}/livechat/rocketchat-livechat.min.js';
  h.parentNode.insertBefore(j, h);
})(window, document, 'script', '${origin}/livechat');
</script>`;

/** n8n chat's documented CDN embed, from the local copy of its dist/. */
const n8nSnippet = (origin: string) => `<link href="${origin}/n8n/style.css" rel="stylesheet">
<script type="module">
  import { createChat } from '${origin}/n8n/chat.bundle.es.js';
  createChat({ webhookUrl: '${origin}/n8n-webhook' });
</script>`;

/**
 * Starts the server on a free port of 127.0.0.1. `shopOrigin` is where the demo shop runs: its
 * product page is fetched once, and its stylesheets and shop script are proxied (and cached) so
 * the bare page looks and behaves like the demo page.
 */
export async function startHost(shopOrigin: string, productPath: string, peers: { rocketChat: Peer; n8nChat: Peer }): Promise<HostPages> {
  const res = await fetch(new URL(productPath, shopOrigin));
  if (!res.ok) throw new Error(`${shopOrigin}${productPath} answered ${res.status}`);
  const bareHtml = withoutSamen(await res.text());
  const proxied = new Map<string, Promise<{ status: number; type: string; body: Buffer }>>();
  let origin = '';

  const fromDir = async (dir: string, rel: string) => {
    const file = normalize(join(dir, rel));
    if (!file.startsWith(dir)) return null;
    try {
      return { type: TYPES[extname(file)] ?? 'application/octet-stream', body: await readFile(file) };
    } catch {
      return null;
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://host').pathname;
      const send = (status: number, type: string, body: string | Buffer) => {
        res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
        res.end(body);
      };
      const html = (body: string) => send(200, TYPES['.html'] ?? '', body);
      if (path === '/bare') return html(bareHtml);
      if (path === '/rocketchat') return html(inBody(bareHtml, rocketChatSnippet(origin)));
      if (path === '/n8n-chat') return html(inBody(bareHtml, n8nSnippet(origin)));
      // The loader's iframe opens the configured URL itself; its index.html asks for "livechat/…".
      // A Rocket.Chat server serves that page with its own address in SERVER_URL; so do we.
      if (path === '/livechat' || path === '/livechat/') {
        const file = await fromDir(join(peers.rocketChat.dir, 'build'), 'index.html');
        if (!file) return send(404, 'text/plain', 'no index.html');
        return html(file.body.toString('utf8').replace('<head>', `<head><script>SERVER_URL = '${origin}';</script>`));
      }
      if (path.startsWith('/livechat/')) {
        const file = await fromDir(join(peers.rocketChat.dir, 'build'), path.slice('/livechat/'.length));
        return file ? send(200, file.type, file.body) : send(404, 'application/json', '{"success":false}');
      }
      if (path.startsWith('/n8n/')) {
        const file = await fromDir(join(peers.n8nChat.dir, 'dist'), path.slice('/n8n/'.length));
        return file ? send(200, file.type, file.body) : send(404, 'text/plain', 'not found');
      }
      // A webhook that knows no session and says nothing.
      if (path === '/n8n-webhook') return send(200, 'application/json', '{"data":[]}');
      // The shop's own static files (stylesheets, its small script); never the API.
      if (req.method === 'GET' && !path.startsWith('/api/') && /\.(css|js|mjs|png|svg|ico|woff2?)$/.test(path)) {
        let hit = proxied.get(path);
        if (!hit) {
          hit = fetch(new URL(path, shopOrigin)).then(async (r) => ({
            status: r.status,
            type: r.headers.get('content-type') ?? 'application/octet-stream',
            body: Buffer.from(await r.arrayBuffer()),
          }));
          proxied.set(path, hit);
        }
        const { status, type, body } = await hit;
        return send(status, type, body);
      }
      // What the peers ask of their (absent) servers.
      return send(404, 'application/json', '{"success":false,"error":"not found"}');
    })().catch((err: unknown) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    bare: `${origin}/bare`,
    rocketChat: `${origin}/rocketchat`,
    n8nChat: `${origin}/n8n-chat`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
