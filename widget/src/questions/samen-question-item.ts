import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { noteInteraction } from '../internal/interaction.ts';
import { badge, controls, tokens } from '../styles/shared.ts';
import type { PostInput, Question, SamenApi } from '../api/client.ts';
import { en, type Strings } from '../i18n/index.ts';
import { byline } from './byline.ts';
import { loadCommunity, noticeFor } from './lazy.ts';
import './samen-post-form.ts';

/**
 * One question: its text, who asked and when, and buttons to show its answers (a lazy chunk
 * with votes, acceptance and reports), to answer it, and to report it.
 *
 * @fires question-changed - (internal) with the updated question after an answer is posted
 * @fires announce - (internal) with text for the screen-reader live region
 */
export class SamenQuestionItem extends LitElement {
  static override properties = {
    api: { attribute: false },
    question: { attribute: false },
    t: { attribute: false },
    now: { type: Number },
    postingAs: { attribute: 'posting-as', type: String },
    newAnswers: { attribute: 'new-answers', type: Boolean },
    _expanded: { state: true },
    _answering: { state: true },
    _reporting: { state: true },
    _reported: { state: true },
    _notice: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    badge,
    css`
      article {
        padding-block: 1em;
        border-block-end: 1px solid var(--_border);
      }
      .body {
        margin: 0;
        font-weight: 600;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .meta {
        margin: 0.25em 0 0.5em;
        color: var(--_muted);
        font-size: 0.875em;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
      }
      samen-post-form,
      samen-report {
        margin-block-start: 0.75em;
      }
    `,
  ];

  declare api: SamenApi;
  declare question: Question;
  declare t: Strings;
  /** Reference time for relative dates; set by the list so all items agree. */
  declare now: number;
  declare postingAs: string;
  /** The asker has not seen all of this question's answers yet: shows a "New answers" badge. */
  declare newAnswers: boolean;
  declare private _expanded: boolean;
  declare private _answering: boolean;
  declare private _reporting: boolean;
  /** Reported by this shopper: the report's thank-you replaces the button. */
  declare private _reported: boolean;
  /** Why the answer just posted is held or changed (review, masked personal data). */
  declare private _notice: string;

  constructor() {
    super();
    this.t = en;
    this.now = Date.now();
    this.postingAs = '';
    this.newAnswers = false;
    this.#reset();
  }

  #reset(): void {
    this._expanded = this._answering = this._reporting = this._reported = false;
    this._notice = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The list reuses items by position: another question in this item starts from scratch.
    const before = changed.get('question');
    if (before && before.id !== this.question.id) this.#reset();
  }

  /** Shows the answers (their chunk loads meanwhile, if it had not yet). */
  #expand(): void {
    this._expanded = true;
    void loadCommunity().then(() => this.requestUpdate());
  }

  async #focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  #send = async (input: PostInput): Promise<void> => {
    const t = this.t;
    const { answer, notice } = await this.api.answerQuestion(this.question.id, input);
    // Held for review, or personal data masked: said under the question, and read out by the tab.
    void noticeFor(notice, 'answer', t.lang).then((text) => (this._notice = text) && emitInternal(this, 'announce', text));
    this._answering = false;
    if (notice.status !== 'held') {
      // Answers never shown yet load in full when shown, so older ones are not hidden behind the new one.
      this.renderRoot.querySelector('samen-answers')?.add(answer);
      this.#expand();
      this.question = { ...this.question, answerCount: this.question.answerCount + 1 };
      emitInternal(this, 'question-changed', this.question);
      emitInternal(this, 'announce', t.answerPosted);
    }
    noteInteraction(this);
    await this.#focus('.answer-button');
  };

  /** The answers come from the lazy chunk; until it is there, "Loading answers…". */
  #renderAnswers() {
    if (!this._expanded) return nothing;
    return customElements.get('samen-answers')
      ? html`<samen-answers
          .api=${this.api}
          .question=${this.question}
          .t=${this.t}
          .now=${this.now}
        ></samen-answers>`
      : html`<p class="meta" role="status">${this.t.loadingAnswers}</p>`;
  }

  protected override render() {
    const q = this.question;
    const t = this.t;
    return html`<article aria-labelledby="body">
      <p class="body" id="body">${q.body}</p>
      <p class="meta">
        ${byline(t, q, this.now)} · ${t.answerCount(q.answerCount)}
        ${this.newAnswers ? html`<span class="badge">${t.newAnswers}</span>` : nothing}
      </p>
      <div class="actions" @pointerover=${loadCommunity} @focusin=${loadCommunity}>
        ${q.answerCount > 0
          ? html`<button
              type="button"
              aria-expanded=${this._expanded ? 'true' : 'false'}
              @click=${() => (this._expanded ? (this._expanded = false) : this.#expand())}
            >
              ${this._expanded ? t.hideAnswers : t.showAnswers(q.answerCount)}
            </button>`
          : nothing}
        ${this._answering
          ? nothing
          : html`<button type="button" class="answer-button" @click=${() => (this._answering = true)}>${t.answer}</button>`}
        ${this._reported
          ? nothing
          : html`<button
              type="button"
              class="report-button"
              aria-expanded=${this._reporting ? 'true' : 'false'}
              @click=${() => {
                this._reporting = !this._reporting;
                void loadCommunity();
              }}
            >
              ${t.report}
            </button>`}
      </div>
      ${this._reporting
        ? html`<samen-report
            .api=${this.api}
            .t=${t}
            type="question"
            target=${q.id}
            @cancel=${() => {
              this._reporting = false;
              void this.#focus('.report-button');
            }}
            @reported=${() => (this._reported = true)}
          ></samen-report>`
        : nothing}
      ${this.#renderAnswers()}
      ${this._notice ? html`<p class="hint">${this._notice}</p>` : nothing}
      ${this._answering
        ? html`<samen-post-form
            .t=${t}
            .send=${this.#send}
            label=${t.yourAnswer}
            submit-label=${t.postAnswer}
            hint=""
            min-length="2"
            too-short-code="answer_too_short"
            cancelable
            focus-on-open
            posting-as=${this.postingAs}
            @cancel=${() => {
              this._answering = false;
              void this.#focus('.answer-button');
            }}
          ></samen-post-form>`
        : nothing}
    </article>`;
  }
}

define('samen-question-item', SamenQuestionItem);

declare global {
  interface HTMLElementTagNameMap {
    'samen-question-item': SamenQuestionItem;
  }
}
