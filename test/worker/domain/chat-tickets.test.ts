import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { attachmentUrl, chatKey, checkAttachmentLink, checkTicket, issueTicket } from '../../../worker/src/domain/chat-tickets.ts';
import { aSite } from '../../fixtures/rows.ts';

const claims = { site: 's', conversation: 'c', role: 'shopper' as const, participant: 'v:abc', name: 'Kim' };

describe('chat tickets', () => {
  it('makes one key per site, on first use, and keeps it', async () => {
    const a = await aSite(env.DB);
    const b = await aSite(env.DB);
    const ka = await chatKey(env.DB, a.id);
    expect(await chatKey(env.DB, a.id)).toBe(ka);
    const { ticket } = await issueTicket(ka, { ...claims, site: a.id });
    expect((await checkTicket(ka, ticket, { site: a.id, conversation: 'c' })).ok).toBe(true);
    expect(await checkTicket(await chatKey(env.DB, b.id), ticket, { site: a.id, conversation: 'c' })).toEqual({ ok: false, problem: 'ticket_invalid' });
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM chat_keys WHERE site_id IN (?, ?)').bind(a.id, b.id).first<{ n: number }>();
    expect(rows?.n).toBe(2);
  });

  it('refuses forged, expired and misdirected tickets', async () => {
    const site = await aSite(env.DB);
    const key = await chatKey(env.DB, site.id);
    const now = Date.now();
    const { ticket, expiresAt } = await issueTicket(key, { ...claims, site: site.id }, now);
    expect(expiresAt).toBe(now + 60_000);
    const expect_ = { site: site.id, conversation: 'c' };
    expect(await checkTicket(key, ticket, expect_, now + 59_000)).toMatchObject({ ok: true, claims: { participant: 'v:abc', role: 'shopper' } });
    expect(await checkTicket(key, ticket, expect_, now + 60_000)).toEqual({ ok: false, problem: 'ticket_expired' });
    expect(await checkTicket(key, ticket, { site: site.id, conversation: 'other' }, now)).toEqual({ ok: false, problem: 'ticket_wrong_conversation' });
    const [body, sig] = ticket.split('.') as [string, string];
    // A body claiming to be staff, with the shopper's signature.
    const forged = btoa(JSON.stringify({ ...claims, site: site.id, role: 'staff', exp: now + 60_000 })).replaceAll('=', '');
    for (const bad of [`${forged}.${sig}`, `${body}.${sig.slice(1)}`, `${body}`, `${body}.${sig}.x`, '', '..', `${body}.${'A'.repeat(43)}`]) {
      expect(await checkTicket(key, bad, expect_, now)).toEqual({ ok: false, problem: 'ticket_invalid' });
    }
  });

  it('signs attachment links that expire', async () => {
    const site = await aSite(env.DB);
    const key = await chatKey(env.DB, site.id);
    const now = Date.now();
    const url = new URL(await attachmentUrl(key, 'https://api.example', site.id, 'att-1', now));
    const exp = Number(url.searchParams.get('exp'));
    const sig = url.searchParams.get('sig')!;
    expect(exp).toBeGreaterThanOrEqual(now + 3600e3);
    expect(exp).toBeLessThanOrEqual(now + 3600e3 + 600e3);
    expect(await checkAttachmentLink(key, site.id, 'att-1', exp, sig, now)).toBe('ok');
    expect(await checkAttachmentLink(key, site.id, 'att-1', exp, sig, exp)).toBe('expired');
    expect(await checkAttachmentLink(key, site.id, 'att-2', exp, sig, now)).toBe('invalid');
    expect(await checkAttachmentLink(key, site.id, 'att-1', exp + 1, sig, now)).toBe('invalid');
  });
});
