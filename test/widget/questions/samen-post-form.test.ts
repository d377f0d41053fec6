import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../../widget/src/questions/samen-post-form.ts';
import type { SamenPostForm } from '../../../widget/src/questions/samen-post-form.ts';
import { en } from '../../../widget/src/i18n/index.ts';
import { FakeApi, networkError, serverError } from '../../fixtures/fake-api.ts';
import {
  accessibleDescription,
  click,
  deepActiveElement,
  findByRole,
  getByRole,
  queryAllByRole,
  settle,
  typeInto,
  visibleText,
} from '../queries.ts';

/** An ask form wired to a fake API, as <samen-questions> sets it up. */
async function askForm(api = new FakeApi(), { cancelable = false } = {}) {
  const el = await fixture<SamenPostForm>(html`<samen-post-form
    .send=${async (input: { text: string; authorName?: string }) => void (await api.askQuestion(api.productId, input))}
    label="Your question"
    submit-label="Post question"
    hint=${en.questionHint}
    min-length="10"
    too-short-code="question_too_short"
    ?cancelable=${cancelable}
  ></samen-post-form>`);
  return {
    el,
    api,
    textbox: () => getByRole<HTMLTextAreaElement>(el, 'textbox', 'Your question'),
    nameBox: () => getByRole<HTMLInputElement>(el, 'textbox', 'Your name (optional)'),
    submit: () => getByRole(el, 'button', /^(Post question|Posting…)$/),
  };
}

describe('<samen-post-form>', () => {
  it('shows a labelled text box with its hint, an optional name field and the submit button', async () => {
    const { el, textbox, nameBox } = await askForm();
    expect(textbox().localName).to.equal('textarea');
    expect(accessibleDescription(textbox())).to.equal(en.questionHint);
    expect(nameBox().getAttribute('aria-invalid')).to.equal('false');
    expect(getByRole(el, 'button', 'Post question').getAttribute('type')).to.equal('submit');
    expect(queryAllByRole(el, 'button', 'Cancel')).to.have.length(0);
    expect(queryAllByRole(el, 'alert')).to.have.length(0);
  });

  it('refuses text under the minimum length next to the field, keeps it, and does not send', async () => {
    const { el, api, textbox, submit } = await askForm();
    typeInto(textbox(), '  Fits?   ');
    await click(submit());

    const alert = getByRole(el, 'alert');
    expect(alert.textContent?.trim()).to.equal(en.errors.question_too_short);
    expect(textbox().value).to.equal('  Fits?   ');
    expect(textbox().getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(textbox())).to.contain(en.errors.question_too_short);
    expect(deepActiveElement()).to.equal(textbox());
    expect(api.callsTo('askQuestion')).to.have.length(0);
  });

  it('shows a server error about the text next to the text field and keeps what was typed', async () => {
    const api = new FakeApi().fail('askQuestion', serverError(400, 'question_too_short'));
    const { el, textbox, nameBox, submit } = await askForm(api);
    typeInto(textbox(), 'Is the zipper made of metal?');
    typeInto(nameBox(), 'Sam');
    await click(submit());

    const alert = await findByRole(el, 'alert');
    expect(alert.textContent?.trim()).to.equal(en.errors.question_too_short);
    expect(accessibleDescription(textbox())).to.contain(en.errors.question_too_short);
    expect(textbox().getAttribute('aria-invalid')).to.equal('true');
    expect(nameBox().getAttribute('aria-invalid')).to.equal('false');
    expect(textbox().value).to.equal('Is the zipper made of metal?');
    expect(nameBox().value).to.equal('Sam');
  });

  it('says "No connection…" when the network fails (status 0), keeping the text', async () => {
    const api = new FakeApi().fail('askQuestion', networkError());
    const { el, textbox, submit } = await askForm(api);
    typeInto(textbox(), 'Is the zipper made of metal?');
    await click(submit());

    const alert = await findByRole(el, 'alert');
    expect(alert.textContent?.trim()).to.equal(en.errors.network);
    expect(alert.textContent).to.match(/^\s*No connection/);
    expect(textbox().value).to.equal('Is the zipper made of metal?');
    expect(submit().textContent?.trim()).to.equal('Post question');
    expect(submit().hasAttribute('disabled')).to.equal(false);
  });

  it('puts a too-long name error (from the server) next to the name field', async () => {
    const { el, api, textbox, nameBox, submit } = await askForm();
    typeInto(textbox(), 'Is the zipper made of metal?');
    typeInto(nameBox(), 'N'.repeat(61));
    await click(submit());

    const alert = await findByRole(el, 'alert');
    expect(alert.textContent?.trim()).to.equal(en.errors.name_too_long);
    expect(nameBox().getAttribute('aria-invalid')).to.equal('true');
    expect(accessibleDescription(nameBox())).to.equal(en.errors.name_too_long);
    expect(textbox().getAttribute('aria-invalid')).to.equal('false');
    expect(nameBox().value).to.have.length(61);
    expect(api.storedQuestions).to.have.length(0);
  });

  it('shows a generic message for an error code it does not know', async () => {
    const api = new FakeApi().fail('askQuestion', serverError(500, 'internal'));
    const { el, textbox, submit } = await askForm(api);
    typeInto(textbox(), 'Is the zipper made of metal?');
    await click(submit());
    expect((await findByRole(el, 'alert')).textContent?.trim()).to.equal(en.errors.generic);
  });

  it('while sending, shows "Posting…" on a disabled button and sends only once', async () => {
    const { el, api, textbox, submit } = await askForm();
    const release = api.hold('askQuestion');
    typeInto(textbox(), 'Is the zipper made of metal?');
    await click(submit());
    expect(submit().textContent?.trim()).to.equal('Posting…');
    expect(submit().hasAttribute('disabled')).to.equal(true);

    el.shadowRoot!.querySelector('form')!.requestSubmit();
    await settle();
    release();
    await findByRole(el, 'button', 'Post question');
    expect(api.callsTo('askQuestion')).to.have.length(1);
  });

  it('sends trimmed text and name, clears the text box once stored, and tells its parent', async () => {
    const { el, api, textbox, nameBox, submit } = await askForm();
    typeInto(textbox(), '  Is the zipper made of metal?  ');
    typeInto(nameBox(), '  Sam ');
    const posted = oneEvent(el, 'posted');
    await click(submit());
    await posted;
    await settle();

    expect(api.callsTo('askQuestion')[0]).to.deep.equal([api.productId, { text: 'Is the zipper made of metal?', authorName: 'Sam' }]);
    expect(textbox().value).to.equal('');
    expect(queryAllByRole(el, 'alert')).to.have.length(0);
  });

  it('leaves the name out when it is blank', async () => {
    const { api, textbox, nameBox, submit } = await askForm();
    typeInto(textbox(), 'Is the zipper made of metal?');
    typeInto(nameBox(), '   ');
    await click(submit());
    expect(api.callsTo('askQuestion')[0]).to.deep.equal([api.productId, { text: 'Is the zipper made of metal?' }]);
  });

  it('clears an earlier error once a post succeeds', async () => {
    const api = new FakeApi().fail('askQuestion', networkError(), { times: 1 });
    const { el, textbox, submit } = await askForm(api);
    typeInto(textbox(), 'Is the zipper made of metal?');
    await click(submit());
    await findByRole(el, 'alert');
    await click(submit());
    await settle();
    expect(queryAllByRole(el, 'alert')).to.have.length(0);
    expect(textbox().getAttribute('aria-invalid')).to.equal('false');
    expect(api.storedQuestions.map((q) => q.body)).to.deep.equal(['Is the zipper made of metal?']);
  });

  it('for a signed-in member, says "Posting as …" instead of asking for a name, and sends no name', async () => {
    const api = new FakeApi();
    const el = await fixture<SamenPostForm>(html`<samen-post-form
      .send=${async (input: { text: string; authorName?: string }) => void (await api.askQuestion(api.productId, input))}
      label="Your question"
      submit-label="Post question"
      min-length="10"
      posting-as="Ria"
    ></samen-post-form>`);
    expect(queryAllByRole(el, 'textbox').map((t) => t.localName)).to.deep.equal(['textarea']);
    expect(visibleText(el)).to.contain('Posting as Ria');
    typeInto(getByRole(el, 'textbox', 'Your question'), 'Is the zipper made of metal?');
    await click(getByRole(el, 'button', 'Post question'));
    expect(api.callsTo('askQuestion')[0]).to.deep.equal([api.productId, { text: 'Is the zipper made of metal?' }]);
  });

  it('offers Cancel only when cancelable, and reports it', async () => {
    const { el } = await askForm(new FakeApi(), { cancelable: true });
    const cancelled = oneEvent(el, 'cancel');
    getByRole(el, 'button', 'Cancel').click();
    const event = await cancelled;
    expect(event.composed).to.equal(false);
  });
});
