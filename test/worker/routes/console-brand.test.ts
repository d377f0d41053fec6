/** The site's brand colour: the owner sets it in the console, the widget reads it from the site info. */
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { SiteInfo } from '../../../worker/src/api-types.ts';
import type { ConsoleSiteSettings } from '../../../worker/src/routes/console-types.ts';
import { aSite } from '../../fixtures/rows.ts';
import { aSession, aStaffMember, consoleCall } from '../../fixtures/staff.ts';

const call = (path: string, init?: Parameters<typeof consoleCall>[2]) => consoleCall(exports.default, path, init);

const ORIGIN = 'https://brand.example';

async function anOwner() {
  const site = await aSite(env.DB, { origins: [ORIGIN] });
  const owner = await aSession(env.DB, { staff: await aStaffMember(env.DB, { site, role: 'owner' }) });
  return { site, cookie: owner.cookie };
}

const setBrand = (cookie: string, brandColor: unknown) => call('/site', { method: 'PATCH', cookie, body: { brandColor } });

/** What the widget on the shop's page is told about its site. */
async function siteInfo(siteId: string): Promise<SiteInfo> {
  const res = await exports.default.fetch(`https://api.samen.test/api/v1/sites/${siteId}`, { headers: { Origin: ORIGIN } });
  expect(res.status).toBe(200);
  return (await res.json<{ site: SiteInfo }>()).site;
}

async function expectError(res: Response, code: string): Promise<string> {
  expect(res.status, await res.clone().text()).toBe(400);
  const body = await res.json<{ error: { code: string; message: string } }>();
  expect(body.error.code).toBe(code);
  return body.error.message;
}

describe('brand colour', () => {
  it('is null (Samen’s default) until the owner sets one; then the console and the widget’s site info carry it, lower-cased', async () => {
    const { site, cookie } = await anOwner();
    expect((await siteInfo(site.id)).brandColor).toBeNull();

    const res = await setBrand(cookie, '#C0392B');
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json<{ site: ConsoleSiteSettings }>()).site.brandColor).toBe('#c0392b');
    expect((await (await call('/site', { cookie })).json<{ site: ConsoleSiteSettings }>()).site.brandColor).toBe('#c0392b');
    expect((await siteInfo(site.id)).brandColor).toBe('#c0392b');
  });

  it('keeps the other settings when only the colour changes, and the colour when others change', async () => {
    const { site, cookie } = await anOwner();
    await call('/site', { method: 'PATCH', cookie, body: { reportThreshold: 7, blocklist: ['spam'] } });
    await setBrand(cookie, '#22577a');
    const res = await call('/site', { method: 'PATCH', cookie, body: { eraseMode: 'delete' } });
    const settings = (await res.json<{ site: ConsoleSiteSettings }>()).site;
    expect(settings).toMatchObject({ reportThreshold: 7, blocklist: ['spam'], eraseMode: 'delete', brandColor: '#22577a' });
    expect((await siteInfo(site.id)).brandColor).toBe('#22577a');
  });

  it.each([
    ['null', null],
    ['an empty string', ''],
  ])('resets to Samen’s default with %s', async (_, reset) => {
    const { site, cookie } = await anOwner();
    await setBrand(cookie, '#22577a');
    const res = await setBrand(cookie, reset);
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json<{ site: ConsoleSiteSettings }>()).site.brandColor).toBeNull();
    expect((await siteInfo(site.id)).brandColor).toBeNull();
  });

  it.each([['red'], ['#abc'], ['22577a'], ['#22577g'], ['#22577a00'], [' #22577a'], ['rgb(34, 87, 122)'], [42], [true]])(
    'refuses %j as invalid_brand_color and keeps the saved colour',
    async (bad) => {
      const { site, cookie } = await anOwner();
      await setBrand(cookie, '#22577a');
      const message = await expectError(await setBrand(cookie, bad), 'invalid_brand_color');
      expect(message).toContain('#rrggbb');
      expect((await siteInfo(site.id)).brandColor).toBe('#22577a');
    },
  );

  it('refuses a colour below 4.5:1 against white with brand_color_low_contrast, naming the measured ratio and the minimum', async () => {
    const { site, cookie } = await anOwner();
    await setBrand(cookie, '#22577a');
    // #777777 is 4.48:1 on white, just short; #767676 (4.54:1) is the lightest grey that passes.
    const message = await expectError(await setBrand(cookie, '#777777'), 'brand_color_low_contrast');
    expect(message).toContain('4.47:1');
    expect(message).toContain('4.5:1');
    expect(await expectError(await setBrand(cookie, '#FFD700'), 'brand_color_low_contrast')).toContain('#ffd700');
    expect((await siteInfo(site.id)).brandColor).toBe('#22577a');

    expect((await setBrand(cookie, '#767676')).status).toBe(200);
    expect((await siteInfo(site.id)).brandColor).toBe('#767676');
  });

  it('is the owner’s own site’s: another site’s owner changes only their own', async () => {
    const a = await anOwner();
    const b = await anOwner();
    await setBrand(a.cookie, '#22577a');
    expect((await setBrand(b.cookie, '#000000')).status).toBe(200);
    expect((await siteInfo(a.site.id)).brandColor).toBe('#22577a');
    expect((await siteInfo(b.site.id)).brandColor).toBe('#000000');
  });

  it('cannot be changed by an agent (403 forbidden)', async () => {
    const { site, cookie } = await anOwner();
    await setBrand(cookie, '#22577a');
    const agent = await aSession(env.DB, { staff: await aStaffMember(env.DB, { site, role: 'agent' }) });
    const res = await setBrand(agent.cookie, '#000000');
    expect(res.status).toBe(403);
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe('forbidden');
    expect((await siteInfo(site.id)).brandColor).toBe('#22577a');
  });
});
