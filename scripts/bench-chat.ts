/**
 * Live chat in local workerd (wrangler dev), beside the health check measured in the same run
 * (issue 7; goal p99 ≤ 25 ms):
 *
 * - **round trip**: a shopper's message over the socket until the staff socket receives it
 *   (shopper → Worker → ChatRoom → D1 write → broadcast → staff), one at a time;
 * - **fan-out**: 1 shopper + 3 staff + 1 expert in one conversation, 20 messages a second for
 *   30 s, senders taking turns; delivery = send until each other participant receives it;
 * - **idle connections**: the workerd processes' resident memory (from /proc) at 0 … N greeted,
 *   idle sockets; the slope is the cost of one more connection (with the console's queue socket
 *   as a baseline) — an upper bound for a hibernated one, since local workerd may keep the room
 *   in memory; plus the per-socket state that survives hibernation (the serialized attachment).
 *
 * Its own database and server. Everything comes from one IP under wrangler dev, so it starts
 * only three conversations (the `question` limit is 30 per IP per 10 minutes) and each
 * shopper or expert sends well under the `chat` limit (600 per 10 minutes); staff are not limited.
 *
 *   node scripts/bench-chat.ts [--samples 300] [--fanout-seconds 30] [--idle 200]
 * `npm run bench` runs it after the other parts.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChatServerFrame, ChatTicket, StartConversationResult } from '../worker/src/chat-types.ts';
import { hashPassword } from '../worker/src/domain/passwords.ts';
import { signShopToken } from '../worker/src/domain/shop-tokens.ts';
import { freePort, startApp } from '../test/e2e/harness.ts';
import { runWrangler } from './wrangler.ts';

const SITE = 'bench-chat';
const SECRET = 'bench-chat-token-secret-0123456789';
const PASSWORD = 'bench-chat-password-2026';
const STAFF = ['Ada', 'Bram', 'Chloé'];

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Node's WebSocket (undici) takes headers as a second-argument option. */
const WS = WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket;

interface Peer {
  ws: WebSocket;
  frames: ChatServerFrame[];
  onFrame: ((f: ChatServerFrame) => void) | null;
  /** Refusals and closes, for the report when deliveries go missing. */
  trouble: string[];
}

async function connect(url: string, headers: Record<string, string>): Promise<Peer> {
  const ws = new WS(url, { headers });
  const peer: Peer = { ws, frames: [], onFrame: null, trouble: [] };
  ws.addEventListener('message', (e) => {
    const frame = JSON.parse(String(e.data)) as ChatServerFrame;
    if (frame.type === 'error') peer.trouble.push(`error ${frame.code}`);
    peer.onFrame?.(frame);
  });
  ws.addEventListener('close', (e) => peer.trouble.push(`closed ${e.code} ${e.reason}`));
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error(`socket to ${url} failed`)), { once: true });
  });
  return peer;
}

async function hello(peer: Peer, lastSeq = 0): Promise<void> {
  await new Promise<void>((resolve) => {
    peer.onFrame = (f) => {
      if (f.type === 'welcome') resolve();
    };
    peer.ws.send(JSON.stringify({ type: 'hello', lastSeq }));
  });
  peer.onFrame = null;
}

/** Resident memory (KiB) of the workerd processes serving `port` (found by the PORT in their environment). */
function workerdRssKiB(port: number): number | null {
  let total = 0;
  let found = false;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('workerd')) continue;
      if (!readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`PORT=${port}`)) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (rss) {
        total += Number(rss);
        found = true;
      }
    } catch {
      // A process that ended meanwhile, or one we may not read.
    }
  }
  return found ? total : null;
}

export interface ChatBench {
  healthP50: number;
  healthP99: number;
  rttP50: number;
  rttP99: number;
  fanoutP50: number;
  fanoutP99: number;
  fanoutDeliveries: number;
  idleKiBPerConnection: number | null;
  queueSocketKiB: number | null;
}

export async function benchChat({ samples = 300, fanoutSeconds = 30, idle = 200 } = {}): Promise<ChatBench> {
  console.log(`\nLive chat (issue 7): round trip, fan-out 1 shopper + 3 staff + 1 expert, idle connections…`);
  const persistTo = mkdtempSync(join(tmpdir(), 'samen-bench-chat-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const allDay = JSON.stringify(Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['00:00', '24:00']]])));
  const hash = await hashPassword(PASSWORD, 1000);
  const sql = [
    `INSERT INTO sites (id, name, default_language, token_secret, business_hours, created_at) VALUES ('${SITE}', 'Chat bench shop', 'en', '${SECRET}', '${allDay}', 0);`,
    `INSERT INTO site_origins (site_id, origin) VALUES ('${SITE}', '${origin}');`,
    ...STAFF.map(
      (name, i) =>
        `INSERT INTO staff (site_id, id, email, name, role, password_hash, created_at) VALUES ('${SITE}', 'agent-${i}', 'agent-${i}@bench.example', '${name}', 'agent', '${hash}', 0);`,
    ),
  ].join('\n');
  await runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo]);
  await runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, `--command=${sql}`]);
  const app = await startApp([], { persistTo, port });
  const api = `${origin}/api/v1/sites/${SITE}`;
  const wsOrigin = origin.replace('http', 'ws');
  try {
    // The health check, in this run, as the yardstick.
    const health: number[] = [];
    for (let i = 0; i < 20 + samples; i++) {
      const t = performance.now();
      await (await fetch(`${origin}/api/v1/health`)).arrayBuffer();
      if (i >= 20) health.push(performance.now() - t);
    }

    const cookies: string[] = [];
    for (let i = 0; i < STAFF.length; i++) {
      const res = await fetch(`${origin}/api/v1/console/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin },
        body: JSON.stringify({ email: `agent-${i}@bench.example`, password: PASSWORD }),
      });
      if (!res.ok) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
      cookies.push((res.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '');
    }

    const start = async (visitor: string, productId: string) => {
      const res = await fetch(`${api}/conversations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Samen-Visitor': visitor, Origin: origin },
        body: JSON.stringify({ channel: 'product', productId, text: 'Hello, is anyone there?', clientId: crypto.randomUUID(), name: 'Bench shopper' }),
      });
      if (res.status !== 201) throw new Error(`start answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as StartConversationResult).conversation.id;
    };
    const widgetSocket = async (conversationId: string, auth: Record<string, string>) => {
      const res = await fetch(`${api}/conversations/${conversationId}/ticket`, { method: 'POST', headers: { ...auth, Origin: origin } });
      if (!res.ok) throw new Error(`ticket answered ${res.status}: ${await res.text()}`);
      const { ticket } = (await res.json()) as ChatTicket;
      return connect(`${wsOrigin}/api/v1/sites/${SITE}/conversations/${conversationId}/live?ticket=${encodeURIComponent(ticket)}`, { Origin: origin });
    };
    const staffSocket = (conversationId: string, cookie: string) =>
      connect(`${wsOrigin}/api/v1/console/conversations/${conversationId}/live`, { Cookie: cookie, Origin: origin });

    // ── Round trip ─────────────────────────────────────────────────────────────────────────
    const visitor = `v_bench${crypto.randomUUID().replaceAll('-', '')}`;
    const rttConversation = await start(visitor, 'p-rtt');
    const shopper = await widgetSocket(rttConversation, { 'X-Samen-Visitor': visitor });
    const staff = await staffSocket(rttConversation, cookies[0]!);
    await hello(shopper);
    await hello(staff);
    const rtt: number[] = [];
    let last = 0;
    for (let i = 0; i < 20 + samples; i++) {
      // At most 40 messages a second: the room closes a socket that sends over 100 frames a second.
      const wait = last + 25 - performance.now();
      if (wait > 0) await sleep(wait);
      last = performance.now();
      const clientId = `rtt-${i}`;
      const arrived = new Promise<number>((resolve) => {
        staff.onFrame = (f) => {
          if (f.type === 'msg' && f.message.clientId === clientId) resolve(performance.now());
        };
      });
      const t = performance.now();
      shopper.ws.send(JSON.stringify({ type: 'msg', clientId, text: `Round trip ${i}` }));
      const at = await arrived;
      if (i >= 20) rtt.push(at - t);
    }
    staff.onFrame = null;
    shopper.ws.close();
    staff.ws.close();

    // ── Fan-out ────────────────────────────────────────────────────────────────────────────
    const fanVisitor = `v_bench${crypto.randomUUID().replaceAll('-', '')}`;
    const fanConversation = await start(fanVisitor, 'p-fanout');
    const expertToken = await signShopToken({ sub: 'bench-expert', name: 'Eva Expert', role: 'expert', products: ['p-fanout'] }, SITE, SECRET);
    const joinRes = await fetch(`${api}/conversations/${fanConversation}/join`, { method: 'POST', headers: { Authorization: `Bearer ${expertToken}`, Origin: origin } });
    if (!joinRes.ok) throw new Error(`join answered ${joinRes.status}: ${await joinRes.text()}`);
    const peers = [
      await widgetSocket(fanConversation, { 'X-Samen-Visitor': fanVisitor }),
      ...(await Promise.all(cookies.map((c) => staffSocket(fanConversation, c)))),
      await widgetSocket(fanConversation, { Authorization: `Bearer ${expertToken}` }),
    ];
    for (const p of peers) await hello(p);
    const sentAt = new Map<string, { at: number; from: number }>();
    const delivery: number[] = [];
    peers.forEach((p, index) => {
      p.onFrame = (f) => {
        if (f.type !== 'msg') return;
        const sent = sentAt.get(f.message.clientId);
        if (sent && sent.from !== index) delivery.push(performance.now() - sent.at);
      };
    });
    const total = 20 * fanoutSeconds;
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      // 20 a second on a fixed schedule, whatever the previous send cost.
      const due = t0 + i * 50;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const from = i % peers.length;
      const clientId = `fan-${i}`;
      sentAt.set(clientId, { at: performance.now(), from });
      peers[from]!.ws.send(JSON.stringify({ type: 'msg', clientId, text: `Fan-out ${i}` }));
    }
    const expected = total * (peers.length - 1);
    const deadline = performance.now() + 10_000;
    while (delivery.length < expected && performance.now() < deadline) await sleep(20);
    if (delivery.length < expected) {
      console.log(`  fan-out: only ${delivery.length}/${expected} deliveries; ${peers.map((p, i) => `peer ${i}: ${p.trouble.join(', ') || 'no errors'}`).join('; ')}`);
    }
    for (const p of peers) p.ws.close();

    // ── Idle connections ───────────────────────────────────────────────────────────────────
    // Resident memory at 0, ¼, ½, ¾ and all of N greeted, idle sockets; the least-squares slope
    // is what one more connection costs (single readings swing with the isolate's garbage
    // collector). The same for the console's queue socket (the site inbox) as a baseline.
    const idleSlope = async (open: () => Promise<Peer>): Promise<number | null> => {
      const sockets: Peer[] = [];
      const points: [number, number][] = [];
      for (let step = 0; step <= 4; step++) {
        while (sockets.length < Math.round((idle * step) / 4)) sockets.push(await open());
        await sleep(5000);
        const rss = workerdRssKiB(port);
        if (rss !== null) points.push([sockets.length, rss]);
      }
      for (const s of sockets) s.ws.close();
      if (points.length < 3) return null;
      const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
      const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
      const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
      const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
      return den ? num / den : null;
    };
    let idleKiB: number | null = null;
    let queueKiB: number | null = null;
    if (idle > 0) {
      const idleConversation = await start(`v_bench${crypto.randomUUID().replaceAll('-', '')}`, 'p-idle');
      let n = 0;
      idleKiB = await idleSlope(async () => {
        const s = await staffSocket(idleConversation, cookies[n++ % cookies.length]!);
        await hello(s);
        return s;
      });
      queueKiB = await idleSlope(() => connect(`${wsOrigin}/api/v1/console/queue/live`, { Cookie: cookies[n++ % cookies.length]!, Origin: origin }));
    }

    const result: ChatBench = {
      healthP50: percentile(health, 50),
      healthP99: percentile(health, 99),
      rttP50: percentile(rtt, 50),
      rttP99: percentile(rtt, 99),
      fanoutP50: percentile(delivery, 50),
      fanoutP99: percentile(delivery, 99),
      fanoutDeliveries: delivery.length,
      idleKiBPerConnection: idleKiB,
      queueSocketKiB: queueKiB,
    };
    const f = (n: number) => `${n.toFixed(1)} ms`;
    const x = (n: number, base: number) => `${(n / (base || 1)).toFixed(1)}×`;
    console.log(`  health check                      p50 ${f(result.healthP50)}  p99 ${f(result.healthP99)}  (${samples} samples)`);
    console.log(
      `  round trip shopper → staff socket  p50 ${f(result.rttP50)} (${x(result.rttP50, result.healthP50)} health)  p99 ${f(result.rttP99)} (${x(result.rttP99, result.healthP99)} health)  (${samples} messages)`,
    );
    console.log(
      `  fan-out 1+3+1 at 20 msg/s, ${fanoutSeconds} s   p50 ${f(result.fanoutP50)}  p99 ${f(result.fanoutP99)} (${x(result.fanoutP99, result.healthP99)} health)  ` +
        `(${result.fanoutDeliveries}/${expected} deliveries)`,
    );
    console.log(`  goal p99 ≤ 25 ms: round trip ${result.rttP99 <= 25 ? 'met' : 'missed'}, fan-out ${result.fanoutP99 <= 25 ? 'met' : 'missed'}`);
    const kib = (v: number | null) => (v === null ? 'n/a (workerd not found in /proc)' : `~${v.toFixed(0)} KiB`);
    if (idle > 0) console.log(
      `  idle connection: ${kib(idleKiB)} of workerd RSS per greeted chat socket (baseline: ${kib(queueKiB)} per console queue socket), ` +
        `slope over 0…${idle} sockets idle 5 s per step, through wrangler dev's proxy; an upper bound, as local workerd may keep the room in memory. ` +
        `What survives hibernation per socket is its attachment: ${JSON.stringify({ role: 'staff', id: 'staff:agent-0', name: 'Ada', helloed: true }).length} bytes of JSON here.`,
    );
    return result;
  } finally {
    await app.stop();
    rmSync(persistTo, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { samples: { type: 'string', default: '300' }, 'fanout-seconds': { type: 'string', default: '30' }, idle: { type: 'string', default: '200' } },
  });
  await benchChat({ samples: Number(values.samples), fanoutSeconds: Number(values['fanout-seconds']), idle: Number(values.idle) });
}
