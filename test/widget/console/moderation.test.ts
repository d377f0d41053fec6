import { expect, fixture, html } from '@open-wc/testing';
import '../../../widget/src/console/samen-console-moderation.ts';
import type { SamenConsoleModeration } from '../../../widget/src/console/samen-console-moderation.ts';
import { en } from '../../../widget/src/console/i18n/en.ts';
import { nl } from '../../../widget/src/console/i18n/nl.ts';
import { apiError, FakeConsoleApi } from './fake-console-api.ts';
import {
  accessibleDescription,
  click,
  deepActiveElement,
  deepQueryAll,
  findByRole,
  getByRole,
  queryAllByRole,
  typeInto,
  visibleText,
  waitForNoText,
  waitForText,
} from '../queries.ts';

const moderationFor = async (api: FakeConsoleApi, t = en) => {
  const el = await fixture<SamenConsoleModeration>(html`<samen-console-moderation .api=${api} .t=${t}></samen-console-moderation>`);
  await waitForNoText(el, t.loading);
  return el;
};

/** The queue's items, each as its article (named by the post's text). */
const items = (el: Element) => queryAllByRole(getByRole(el, 'list', 'Posts to review'), 'article');
const itemNamed = (el: Element, body: string, listName = en.moderationListLabel) => getByRole(getByRole(el, 'list', listName), 'article', body);

describe('<samen-console-moderation>', () => {
  it('lists held, hidden and removed posts with kind, status, author, product, reports and the last reason', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    api.addModerationItem({ body: 'Casino deals on this jacket?', status: 'held', lastReason: 'blocklist', authorName: 'Kim', createdAt: Date.now() - 60e3 });
    api.addModerationItem({
      targetType: 'answer',
      body: 'Buy elsewhere, cheaper!',
      status: 'hidden',
      reportCount: 3,
      lastReason: 'reported by 3 shoppers',
      productId: 'nk-daypack-24',
      createdAt: Date.now() - 120e3,
    });
    api.addModerationItem({ body: 'Call me on my phone', status: 'removed', lastReason: 'Personal data.', createdAt: Date.now() - 180e3 });
    const el = await moderationFor(api);

    expect(getByRole(el, 'heading', 'Moderation')).to.exist;
    const [held, hidden, removed] = items(el);
    expect(visibleText(held!)).to.contain('Question').and.contain('Held for review').and.contain('Kim').and.contain('No reports').and.contain(
      'Reason: a blocklisted word',
    );
    expect(visibleText(hidden!)).to.contain('Answer')
      .and.contain('Hidden after reports')
      .and.contain('Anonymous shopper')
      .and.contain('Product: nk-daypack-24')
      .and.contain('3 reports')
      .and.contain('Reason: reported by 3 shoppers');
    expect(visibleText(removed!)).to.contain('Removed').and.contain('Reason: Personal data.');

    // The buttons that fit each status.
    expect(queryAllByRole(held!, 'button').map((b) => visibleText(b))).to.deep.equal(['Approve', 'Remove', 'Show history']);
    expect(queryAllByRole(hidden!, 'button').map((b) => visibleText(b))).to.deep.equal(['Approve', 'Remove', 'Show history']);
    expect(queryAllByRole(removed!, 'button').map((b) => visibleText(b))).to.deep.equal(['Restore', 'Show history']);
    // Each item has its own optional reason box, described by the audit hint.
    const reason = getByRole<HTMLInputElement>(held!, 'textbox', 'Reason (optional)');
    expect(accessibleDescription(reason)).to.contain(en.reasonHint);
    expect(accessibleDescription(getByRole(held!, 'button', 'Approve'))).to.equal('Casino deals on this jacket?');
  });

  it('renders shopper text literally, never as markup', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const body = '<img src=x onerror="window.__samenModXss=1"><b>bold</b>';
    api.addModerationItem({ body, authorName: '<script>alert(1)</script>', lastReason: '<i>why</i>' });
    const el = await moderationFor(api);
    expect(visibleText(el)).to.contain(body).and.contain('<script>alert(1)</script>').and.contain('<i>why</i>');
    expect(deepQueryAll(el, 'img, b, script, i')).to.have.length(0);
    expect((window as { __samenModXss?: number }).__samenModXss).to.equal(undefined);
  });

  it('approves with the reason typed; the post leaves the list and focus stays in the view', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const item = api.addModerationItem({ body: 'Is this casino-proof?', status: 'hidden', reportCount: 3 });
    api.addModerationItem({ body: 'Another held post?', createdAt: Date.now() - 3600e3 });
    const el = await moderationFor(api);

    const post = itemNamed(el, 'Is this casino-proof?');
    typeInto(getByRole<HTMLInputElement>(post, 'textbox', 'Reason (optional)'), 'Not spam: the word is a brand.');
    await click(getByRole(post, 'button', 'Approve'));
    expect(api.callsTo('moderate')).to.deep.equal([['question', item.id, 'approve', 'Not spam: the word is a brand.']]);
    await waitForText(el, en.decided.approve);
    expect(items(el).map((a) => visibleText(a))).to.have.length(1);
    expect(visibleText(el)).not.to.contain('Is this casino-proof?');
    expect(api.callsTo('moderationQueue')).to.have.length(2);
    expect(deepActiveElement()).to.equal(getByRole(el, 'heading', 'Moderation'));
  });

  it('removes a post without a reason (the API’s default); it stays listed as Removed with Restore', async () => {
    const api = new FakeConsoleApi().signedInAs('owner');
    const item = api.addModerationItem({ targetType: 'answer', body: 'Visit my shop', status: 'held', lastReason: 'links' });
    const el = await moderationFor(api);
    await click(getByRole(itemNamed(el, 'Visit my shop'), 'button', 'Remove'));
    expect(api.callsTo('moderate')).to.deep.equal([['answer', item.id, 'remove', undefined]]);
    await waitForText(el, en.decided.remove);
    const post = itemNamed(el, 'Visit my shop');
    expect(visibleText(post)).to.contain('Removed').and.contain('Reason: Removed by staff.');
    expect(queryAllByRole(post, 'button', 'Approve')).to.have.length(0);
    expect(deepActiveElement()).to.equal(getByRole(post, 'button', 'Restore'));

    await click(getByRole(post, 'button', 'Restore'));
    expect(api.callsTo('moderate')[1]).to.deep.equal(['answer', item.id, 'restore', undefined]);
    await waitForText(el, en.decided.restore);
    expect(visibleText(el)).to.contain(en.moderationEmpty);
  });

  it('shows an item’s history with who did what, in the reader’s language', async () => {
    const api = new FakeConsoleApi().signedInAs('agent', 'Arjen Agent');
    const item = api.addModerationItem({ body: 'Spam?', status: 'held', lastReason: 'links' });
    api.moderationLogs.get(item.id)?.push({ action: 'approved', actor: 'staff:gone', actorName: null, reason: 'Fine.', createdAt: Date.now() });
    const el = await moderationFor(api);
    const post = itemNamed(el, 'Spam?');
    const toggle = getByRole(post, 'button', 'Show history');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    await click(toggle);
    const history = await findByRole(post, 'list', 'History');
    const entries = queryAllByRole(history, 'listitem').map((li) => visibleText(li));
    expect(entries[0]).to.contain('Held').and.contain('Samen (automatic)').and.contain('many links');
    expect(entries[1]).to.contain('Approved').and.contain('Former team member').and.contain('Fine.');
    expect(getByRole(post, 'button', 'Hide history').getAttribute('aria-expanded')).to.equal('true');

    // A decision adds to the open history.
    await click(getByRole(post, 'button', 'Remove'));
    await waitForText(getByRole(itemNamed(el, 'Spam?'), 'list', 'History'), 'Arjen Agent');

    await click(getByRole(itemNamed(el, 'Spam?'), 'button', 'Hide history'));
    expect(queryAllByRole(el, 'list', 'History')).to.have.length(0);
  });

  it('explains a conflict (someone else decided) and shows the list as it is now', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const item = api.addModerationItem({ body: 'Decided elsewhere?' });
    const el = await moderationFor(api);
    // Another staff member approves it in the meantime.
    api.moderationItems = [];
    api.fail('moderate', apiError(409, 'moderation_conflict'));
    await click(getByRole(itemNamed(el, 'Decided elsewhere?'), 'button', 'Approve'));
    expect(api.callsTo('moderate')).to.deep.equal([['question', item.id, 'approve', undefined]]);
    await waitForText(el, en.errors.moderation_conflict);
    expect(visibleText(getByRole(el, 'alert'))).to.equal(en.errors.moderation_conflict);
    await waitForText(el, en.moderationEmpty);
  });

  it('explains a failed decision next to the post, keeping the reason typed', async () => {
    const api = new FakeConsoleApi().signedInAs('agent').fail('moderate', apiError(0, 'network'));
    api.addModerationItem({ body: 'Network trouble?' });
    const el = await moderationFor(api);
    const post = itemNamed(el, 'Network trouble?');
    const reason = getByRole<HTMLInputElement>(post, 'textbox', 'Reason (optional)');
    typeInto(reason, 'Checked the photos.');
    await click(getByRole(post, 'button', 'Remove'));
    const alert = await findByRole(post, 'alert');
    expect(visibleText(alert)).to.equal(en.errors.network);
    expect(reason.value).to.equal('Checked the photos.');
    expect(reason.getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(reason)).to.contain(en.errors.network);

    api.succeed();
    await click(getByRole(post, 'button', 'Remove'));
    await waitForText(el, en.decided.remove);
    expect(queryAllByRole(el, 'alert')).to.have.length(0);
  });

  it('has loading, empty and error states, with a retry', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    const release = api.hold('moderationQueue');
    const el = await fixture<SamenConsoleModeration>(html`<samen-console-moderation .api=${api}></samen-console-moderation>`);
    expect(queryAllByRole(el, 'status').map((s) => visibleText(s))).to.include(en.loading);
    release();
    await waitForText(el, en.moderationEmpty);

    const failing = new FakeConsoleApi().signedInAs('agent').fail('moderationQueue', apiError(500, 'internal'));
    const broken = await moderationFor(failing);
    expect(visibleText(getByRole(broken, 'alert'))).to.contain(en.moderationError);
    failing.succeed().addModerationItem({ body: 'Back again?' });
    await click(getByRole(broken, 'button', 'Try again'));
    await waitForText(broken, 'Back again?');
  });

  it('tells the console when the session has ended', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    api.addModerationItem({ body: 'Anything?' });
    const el = await moderationFor(api);
    let ended = 0;
    el.parentElement?.addEventListener('session-ended', () => ended++);
    api.fail('moderate', apiError(401, 'session_expired'));
    await click(getByRole(el, 'button', 'Approve'));
    expect(ended).to.equal(1);
  });

  it('speaks Dutch when given Dutch strings', async () => {
    const api = new FakeConsoleApi().signedInAs('agent');
    api.addModerationItem({ body: 'Gokken?', status: 'hidden', reportCount: 2, lastReason: 'reported by 2 shoppers' });
    const el = await moderationFor(api, nl);
    expect(getByRole(el, 'heading', 'Moderatie')).to.exist;
    const post = itemNamed(el, 'Gokken?', nl.moderationListLabel);
    expect(visibleText(post)).to.contain('Verborgen na meldingen').and.contain('2 meldingen').and.contain('Reden: gemeld door 2 klanten');
    expect(queryAllByRole(post, 'button').map((b) => visibleText(b))).to.deep.equal(['Goedkeuren', 'Verwijderen', 'Geschiedenis tonen']);
  });
});
