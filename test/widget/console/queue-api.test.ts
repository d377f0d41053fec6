import { expect } from '@open-wc/testing';
import { createConsoleApi } from '../../../widget/src/console/api.ts';

interface Seen {
  method: string;
  path: string;
  body: unknown;
}

/** Replaces window.fetch for one test; answers every call with `answer(seen)`. */
function stubFetch(answer: (s: Seen) => Response): { seen: Seen[]; restore: () => void } {
  const original = window.fetch;
  const seen: Seen[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    const s = { method: init?.method ?? 'GET', path: url.pathname + url.search, body: typeof init?.body === 'string' ? JSON.parse(init.body) : null };
    seen.push(s);
    return answer(s);
  };
  return { seen, restore: () => (window.fetch = original) };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('console API client: the staff queue (issue #6 contract)', () => {
  const base = new URL('/api/v1/console/', location.origin);

  it('calls the queue, item, action, canned and routing endpoints with the contract’s methods and bodies', async () => {
    const item = { id: 'i/1' };
    const { seen, restore } = stubFetch((s) => {
      if (s.method === 'DELETE') return new Response(null, { status: 204 });
      if (s.path.includes('/canned')) return json(s.method === 'GET' ? { canned: [] } : { canned: { id: 'c1' } }, s.method === 'POST' ? 201 : 200);
      if (s.path.endsWith('/routing')) return json({ routing: { timeZone: 'Europe/Amsterdam' } });
      if (s.path.endsWith('/replies') || s.path.endsWith('/notes')) return json({ message: { id: 'm' }, item }, 201);
      if (s.path.endsWith('/publish')) return json({ answerId: 'a', item }, 201);
      if (s.path.startsWith('/api/v1/console/queue?') || s.path === '/api/v1/console/queue') return json({ items: [], counts: {} });
      return json({ item, triage: [] });
    });
    try {
      const api = createConsoleApi(base);
      await api.queue({});
      await api.queue({ status: 'waiting', product: 'nk jacket', category: 'invoice', assignee: 'me' });
      await api.queueItem('i/1');
      expect(await api.claim('i/1')).to.deep.equal(item);
      await api.claim('i/1', true);
      expect((await api.reply('i/1', 'Hello')).message.id).to.equal('m');
      await api.addNote('i/1', 'Checked the order');
      await api.resolve('i/1');
      await api.reopen('i/1');
      expect((await api.publish('i/1', 'Public text')).answerId).to.equal('a');
      await api.canned();
      await api.addCanned('Thanks', 'Hi {{name}}');
      await api.deleteCanned('c/1');
      expect((await api.routing()).timeZone).to.equal('Europe/Amsterdam');
      const settings = { timeZone: 'UTC', businessHours: { mon: [['09:00', '17:00']] as [string, string][] }, holidays: [], communityWindowMinutes: 60, slaMinutes: 120, keywords: {} };
      await api.saveRouting(settings);
      expect(seen.map((s) => `${s.method} ${s.path}`)).to.deep.equal([
        'GET /api/v1/console/queue',
        'GET /api/v1/console/queue?status=waiting&product=nk+jacket&category=invoice&assignee=me',
        'GET /api/v1/console/queue/i%2F1',
        'POST /api/v1/console/queue/i%2F1/claim',
        'POST /api/v1/console/queue/i%2F1/claim',
        'POST /api/v1/console/queue/i%2F1/replies',
        'POST /api/v1/console/queue/i%2F1/notes',
        'POST /api/v1/console/queue/i%2F1/resolve',
        'POST /api/v1/console/queue/i%2F1/reopen',
        'POST /api/v1/console/queue/i%2F1/publish',
        'GET /api/v1/console/canned',
        'POST /api/v1/console/canned',
        'DELETE /api/v1/console/canned/c%2F1',
        'GET /api/v1/console/routing',
        'PUT /api/v1/console/routing',
      ]);
      expect(seen.map((s) => s.body)).to.deep.equal([
        null,
        null,
        null,
        {},
        { force: true },
        { text: 'Hello' },
        { text: 'Checked the order' },
        {},
        {},
        { text: 'Public text' },
        null,
        { title: 'Thanks', body: 'Hi {{name}}' },
        null,
        null,
        settings,
      ]);
    } finally {
      restore();
    }
  });

  it('opens the live socket at ws(s)://<this origin>/api/v1/console/queue/live and closes it', async () => {
    const original = window.WebSocket;
    const opened: { url: string; closed: number | null }[] = [];
    class StubSocket {
      readyState = 0;
      onopen = null;
      onmessage = null;
      onclose = null;
      onerror = null;
      readonly record: { url: string; closed: number | null };
      constructor(url: string) {
        this.record = { url, closed: null };
        opened.push(this.record);
      }
      close(code?: number) {
        this.record.closed = code ?? 1005;
      }
    }
    (window as unknown as { WebSocket: unknown }).WebSocket = StubSocket;
    try {
      const live = createConsoleApi(base).queueLive({ onEvent: () => {}, onResync: () => {} });
      live.close();
    } finally {
      window.WebSocket = original;
    }
    const expected = new URL('/api/v1/console/queue/live', location.href);
    expected.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    expect(opened).to.deep.equal([{ url: expected.href, closed: 1000 }]);
  });
});
