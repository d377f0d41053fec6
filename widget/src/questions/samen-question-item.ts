import { LitElement, html, css, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { emitInternal } from '../internal/events.ts';
import { relativeTime } from '../internal/relative-time.ts';
import { controls, tokens } from '../styles/shared.ts';
import { ApiRequestError, type Answer, type PostInput, type Question, type SamenApi } from '../api/client.ts';
import type { PublicAuthor } from '../../../worker/src/api-types.ts';
import { en, errorText, type Strings } from '../i18n/index.ts';
import './samen-post-form.ts';

/**
 * One question with its answers (loaded when expanded) and an "Answer" form.
 *
 * @fires question-changed - (internal) with the updated question after an answer is posted
 */
export class SamenQuestionItem extends LitElement {
  static override properties = {
    api: { attribute: false },
    question: { attribute: false },
    t: { attribute: false },
    locale: { type: String },
    now: { type: Number },
    postingAs: { attribute: 'posting-as', type: String },
    _answers: { state: true },
    _expanded: { state: true },
    _answering: { state: true },
    _loadError: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    css`
      article {
        padding-block: 1rem;
        border-block-end: 1px solid var(--_border);
      }
      .body {
        margin: 0;
        font-weight: 600;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .meta {
        margin: 0.25rem 0 0.5rem;
        color: var(--_muted);
        font-size: 0.875rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      ol {
        list-style: none;
        margin: 0.75rem 0 0;
        padding-inline-start: 1rem;
        border-inline-start: 3px solid var(--_border);
      }
      li + li {
        margin-block-start: 0.75rem;
      }
      li p {
        margin: 0;
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      samen-post-form {
        margin-block-start: 0.75rem;
      }
      .badge {
        display: inline-block;
        font-size: 0.75rem;
        font-weight: 700;
        padding-inline: 0.375rem;
        border-radius: 999px;
        background: var(--_accent);
        color: var(--_on-accent);
      }
    `,
  ];

  declare api: SamenApi;
  declare question: Question;
  declare t: Strings;
  declare locale: string;
  /** Reference time for relative dates; set by the list so all items agree. */
  declare now: number;
  declare postingAs: string;
  declare private _answers: Answer[] | null;
  declare private _expanded: boolean;
  declare private _answering: boolean;
  declare private _loadError: string | null;
  private _loading?: AbortController;

  constructor() {
    super();
    this.t = en;
    this.locale = 'en';
    this.now = Date.now();
    this.postingAs = '';
    this._answers = null;
    this._expanded = false;
    this._answering = false;
    this._loadError = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._loading?.abort();
  }

  private async _loadAnswers(): Promise<void> {
    this._loading?.abort();
    const ctrl = (this._loading = new AbortController());
    this._loadError = null;
    try {
      this._answers = await this.api.answers(this.question.id, ctrl.signal);
    } catch (err) {
      if (ctrl.signal.aborted) return;
      this._loadError = errorText(this.t, err instanceof ApiRequestError ? err.code : 'generic');
    }
  }

  private _toggle(): void {
    this._expanded = !this._expanded;
    if (this._expanded && !this._answers) void this._loadAnswers();
  }

  private _send = async (input: PostInput): Promise<void> => {
    const answer = await this.api.answerQuestion(this.question.id, input);
    // Answers never loaded yet: fetch them all, so older answers are not hidden behind the new one.
    if (this._answers) this._answers = [...this._answers, answer];
    else void this._loadAnswers();
    this._expanded = true;
    this._answering = false;
    this.question = { ...this.question, answerCount: this.question.answerCount + 1 };
    emitInternal(this, 'question-changed', this.question);
    emitInternal(this, 'announce', this.t.answerPosted);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.answer-button')?.focus();
  };

  /** Name, badge and date of a post. */
  private _byline(p: PublicAuthor & { createdAt: number }) {
    const t = this.t;
    return html`${p.formerMember ? t.formerMember : (p.authorName ?? t.anonymous)}
      ${p.authorRole === 'expert' ? html`<span class="badge">${t.expert}</span>` : nothing}
      ${p.mine ? html`(${t.you})` : nothing} ·
      <time datetime=${new Date(p.createdAt).toISOString()}>${relativeTime(p.createdAt, this.now, this.locale)}</time>`;
  }

  private _renderAnswers() {
    if (!this._expanded) return nothing;
    if (this._loadError) return html`<p class="error" role="alert">${this._loadError}</p>`;
    if (!this._answers) return html`<p class="meta" role="status">${this.t.loadingAnswers}</p>`;
    return html`<ol aria-label=${this.t.answerCount(this._answers.length)}>
      ${this._answers.map(
        (a) => html`<li>
          <p class="text">${a.body}</p>
          <p class="meta">${this._byline(a)}</p>
        </li>`,
      )}
    </ol>`;
  }

  protected override render() {
    const q = this.question;
    const t = this.t;
    return html`<article aria-labelledby="body">
      <p class="body" id="body">${q.body}</p>
      <p class="meta">${this._byline(q)} · ${t.answerCount(q.answerCount)}</p>
      <div class="actions">
        ${q.answerCount > 0
          ? html`<button type="button" aria-expanded=${this._expanded ? 'true' : 'false'} @click=${this._toggle}>
              ${this._expanded ? t.hideAnswers : t.showAnswers(q.answerCount)}
            </button>`
          : nothing}
        ${this._answering
          ? nothing
          : html`<button type="button" class="answer-button" @click=${() => (this._answering = true)}>${t.answer}</button>`}
      </div>
      ${this._renderAnswers()}
      ${this._answering
        ? html`<samen-post-form
            .t=${t}
            .send=${this._send}
            label=${t.yourAnswer}
            submit-label=${t.postAnswer}
            hint=""
            min-length="2"
            too-short-code="answer_too_short"
            cancelable
            focus-on-open
            posting-as=${this.postingAs}
            @cancel=${async () => {
              this._answering = false;
              await this.updateComplete;
              this.renderRoot.querySelector<HTMLButtonElement>('.answer-button')?.focus();
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
