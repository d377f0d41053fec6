/**
 * Time to queue (issue 6): how long a personal question takes from the shopper's POST until staff
 * see it — as a push on the console's live socket and in the console's queue list — in local
 * workerd through `wrangler dev`. Under `wrangler dev` every caller shares one IP, whose question
 * limit (30 per 10 minutes) caps the samples.
 */
import { hashPassword } from '../worker/src/domain/passwords.ts';
import { runWrangler } from './wrangler.ts';

const STAFF_EMAIL = 'bench-agent@bench.example';
const STAFF_PASSWORD = 'bench-agent-password-2026';

/** SQL that gives the benchmark site a console account (run before the server starts). */
export async function routingBenchSeed(persistTo: string, site: string): Promise<void> {
  const hash = await hashPassword(STAFF_PASSWORD, 1000);
  const sql = `INSERT INTO staff (site_id, id, email, name, role, password_hash, created_at)
               VALUES ('${site}', 'bench-agent', '${STAFF_EMAIL}', 'Bench Agent', 'agent', '${hash}', 0) ON CONFLICT DO NOTHING;`;
  await runWrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, `--command=${sql}`]);
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

export interface TimeToQueue {
  samples: number;
  liveP50: number | null;
  liveP95: number | null;
  listP50: number;
  listP95: number;
}

export async function benchTimeToQueue(origin: string, site: string, samples = 25): Promise<TimeToQueue> {
  const signIn = await fetch(`${origin}/api/v1/console/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: origin },
    body: JSON.stringify({ email: STAFF_EMAIL, password: STAFF_PASSWORD }),
  });
  if (!signIn.ok) throw new Error(`bench sign-in answered ${signIn.status}`);
  const cookie = (signIn.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';

  // The live socket, when this Node's WebSocket accepts headers (undici does); else only the list is timed.
  const pushes: ((data: string) => void)[] = [];
  let socket: WebSocket | null = null;
  try {
    const WS = WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket;
    socket = new WS(`${origin.replace('http', 'ws')}/api/v1/console/queue/live`, { headers: { Cookie: cookie, Origin: origin } });
    await new Promise<void>((resolve, reject) => {
      socket!.addEventListener('open', () => resolve());
      socket!.addEventListener('error', () => reject(new Error('no socket')));
    });
    socket.addEventListener('message', (e) => pushes.shift()?.(String(e.data)));
  } catch {
    socket = null;
  }

  const live: number[] = [];
  const list: number[] = [];
  for (let i = 0; i < samples; i++) {
    const visitor = `v_bench${crypto.randomUUID().replaceAll('-', '')}`;
    const pushed = socket ? new Promise<number>((resolve) => pushes.push(() => resolve(performance.now()))) : null;
    const t0 = performance.now();
    const res = await fetch(`${origin}/api/v1/sites/${site}/products/p1/questions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Samen-Visitor': visitor },
      body: JSON.stringify({ text: `Where is my invoice for order ${4000 + i}?` }),
    });
    if (res.status !== 201) throw new Error(`posting answered ${res.status}: ${await res.text()}`);
    const { question } = (await res.json()) as { question: { id: string } };
    for (;;) {
      const queue = (await (await fetch(`${origin}/api/v1/console/queue?status=new`, { headers: { Cookie: cookie } })).json()) as {
        items: { questionId: string }[];
      };
      if (queue.items.some((it) => it.questionId === question.id)) break;
    }
    list.push(performance.now() - t0);
    if (pushed) live.push((await Promise.race([pushed, new Promise<number>((r) => setTimeout(() => r(Number.NaN), 5000))])) - t0);
  }
  socket?.close();
  const okLive = live.filter((x) => Number.isFinite(x));
  return {
    samples,
    liveP50: okLive.length ? percentile(okLive, 50) : null,
    liveP95: okLive.length ? percentile(okLive, 95) : null,
    listP50: percentile(list, 50),
    listP95: percentile(list, 95),
  };
}
