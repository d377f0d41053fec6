import { LitElement, html, css, nothing, type PropertyValues } from 'lit';
import { define } from '../internal/define.ts';
import { noteInteraction } from '../internal/interaction.ts';
import { badge, controls, tokens } from '../styles/shared.ts';
import { ApiRequestError, type Answer, type Question, type SamenApi } from '../api/client.ts';
import { en, errorText, type Strings } from '../i18n/index.ts';
import { communityError, stringsFor, type CommunityStrings } from '../i18n/community/index.ts';
import { byline } from '../questions/byline.ts';
import './samen-report.ts';
import '../profile/samen-author.ts';

/**
 * A question's answers (in the lazy community chunk: shown when a question is expanded or a
 * suggestion opened), in the order the API gives them (accepted, then experts, then most
 * helpful, then oldest), each with "Helpful" (a toggle), for the asker "Accept answer" and
 * "This did not help", and "Report" on every answer.
 */
export class SamenAnswers extends LitElement {
  static override properties = {
    api: { attribute: false },
    question: { attribute: false },
    t: { attribute: false },
    now: { type: Number },
    _answers: { state: true },
    _error: { state: true },
    _reporting: { state: true },
    _notes: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    badge,
    css`
      ol {
        list-style: none;
        margin: 0.75em 0 0;
        padding-inline-start: 1em;
        border-inline-start: 3px solid var(--_border);
      }
      li + li {
        margin-block-start: 1em;
      }
      p {
        margin: 0;
      }
      .text {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .meta,
      .count {
        color: var(--_muted);
        font-size: 0.875em;
      }
      .meta {
        margin-block: 0.25em 0.5em;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        align-items: center;
      }
      button {
        min-block-size: 2.25em;
        padding-block: 0.25em;
        padding-inline: 0.75em;
      }
      [aria-pressed='true'] {
        background: var(--_accent);
        color: var(--_on-accent);
      }
      .accepted {
        font-weight: 700;
        color: var(--_accent);
      }
      samen-report {
        margin-block-start: 0.5em;
      }
    `,
  ];

  declare api: SamenApi;
  declare question: Question;
  declare t: Strings;
  declare now: number;
  declare private _answers: Answer[] | null;
  declare private _error: string;
  /** Id of the answer whose report form is open. */
  declare private _reporting: string | null;
  /**
   * What happened to an answer, by id: the error code of a vote that failed, `hidden` when a
   * report hid it, `reported` once reported.
   */
  declare private _notes: Record<string, { error: string } | 'hidden' | 'reported'>;
  private _loading?: AbortController;

  constructor() {
    super();
    this.t = en;
    this.now = Date.now();
    this._answers = null;
    this._error = '';
    this._reporting = null;
    this._notes = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the page after a load was cut short.
    if (this.hasUpdated) this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Lists reuse elements by position: another question here starts from scratch.
    const before = changed.get('question');
    if (before && before.id !== this.question.id) {
      this._loading?.abort();
      this._loading = undefined;
      this._answers = this._reporting = null;
      this._notes = {};
    }
    if (!this._answers && !this._loading) void this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._loading?.abort();
    this._loading = undefined;
  }

  private async _load(): Promise<void> {
    this._loading?.abort();
    const ctrl = (this._loading = new AbortController());
    this._error = '';
    try {
      const answers = await this.api.answers(this.question.id, ctrl.signal);
      if (!ctrl.signal.aborted) this._answers = answers;
    } catch (err) {
      if (!ctrl.signal.aborted) this._error = errorText(this.t, err instanceof ApiRequestError ? err.code : 'generic');
    }
  }

  /** Adds an answer just posted (once); while the list is still loading, loads it again instead. */
  add(answer: Answer): void {
    if (this._answers) this._answers = [...this._answers.filter((a) => a.id !== answer.id), answer];
    else void this._load();
  }

  private _update(id: string, change: Partial<Answer>): void {
    this._answers = (this._answers ?? []).map((a) => (a.id === id ? { ...a, ...change } : a));
  }

  private _note(id: string, note: { error: string } | 'hidden' | 'reported' | null): void {
    const notes = { ...this._notes };
    if (note) notes[id] = note;
    else delete notes[id];
    this._notes = notes;
  }

  /** Runs a vote; its failure is shown under the answer, in words. */
  private async _vote(a: Answer, run: () => Promise<void>): Promise<void> {
    this._note(a.id, null);
    try {
      await run();
      noteInteraction(this);
    } catch (err) {
      this._note(a.id, { error: err instanceof ApiRequestError ? err.code : 'generic' });
    }
  }

  private _helpful(a: Answer) {
    return this._vote(a, async () => {
      const r = await this.api.setHelpful(a.id, !a.votedHelpful);
      this._update(a.id, { votedHelpful: r.helpful, helpfulCount: r.helpfulCount });
    });
  }

  private _accept(a: Answer) {
    return this._vote(a, async () => {
      const { acceptedAnswerId } = await this.api.accept(this.question.id, a.accepted ? null : a.id);
      this._answers = (this._answers ?? []).map((x) => ({ ...x, accepted: x.id === acceptedAnswerId }));
    });
  }

  private _notHelpful(a: Answer) {
    if (a.didNotHelp) return;
    return this._vote(a, async () => {
      await this.api.notHelpful(a.id);
      this._update(a.id, { didNotHelp: true });
    });
  }

  private async _closeReport(id: string): Promise<void> {
    this._reporting = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-report="${id}"]`)?.focus();
  }

  private _renderAnswer(a: Answer, c: CommunityStrings) {
    const t = this.t;
    const note = this._notes[a.id];
    if (note === 'hidden') return html`<li><p class="count" role="status">${c.reportHidden}</p></li>`;
    const asker = this.question.mine;
    return html`<li>
      ${a.accepted ? html`<p class="accepted">✓ ${c.acceptedAnswer}</p>` : nothing}
      <p class="text">${a.body}</p>
      <p class="meta">
        ${a.reputation && !a.formerMember
          ? html`<samen-author .api=${this.api} .t=${t} .post=${a} .now=${this.now}></samen-author>`
          : byline(t, a, this.now)}
      </p>
      <div class="actions">
        ${a.mine
          ? nothing
          : html`<button type="button" aria-pressed=${a.votedHelpful ? 'true' : 'false'} @click=${() => this._helpful(a)}>
              ${c.helpful}
            </button>`}
        ${a.helpfulCount ? html`<span class="count">${c.helpfulCount(a.helpfulCount)}</span>` : nothing}
        ${asker
          ? html`<button type="button" aria-pressed=${a.accepted ? 'true' : 'false'} @click=${() => this._accept(a)}>
                ${c.acceptAnswer}
              </button>
              <button
                type="button"
                aria-pressed=${a.didNotHelp ? 'true' : 'false'}
                aria-disabled=${a.didNotHelp ? 'true' : 'false'}
                @click=${() => this._notHelpful(a)}
              >
                ${c.notHelpful}
              </button>`
          : nothing}
        ${note === 'reported'
          ? nothing
          : html`<button
              type="button"
              data-report=${a.id}
              aria-expanded=${this._reporting === a.id ? 'true' : 'false'}
              @click=${() => (this._reporting = this._reporting === a.id ? null : a.id)}
            >
              ${t.report}
            </button>`}
      </div>
      ${asker && a.didNotHelp ? html`<p class="count" role="status">${c.notHelpfulNoted}</p>` : nothing}
      ${typeof note === 'object' ? html`<p class="error" role="alert">${communityError(t, c, note.error)}</p>` : nothing}
      ${this._reporting === a.id || note === 'reported'
        ? html`<samen-report
            .api=${this.api}
            .t=${t}
            type="answer"
            target=${a.id}
            @cancel=${() => this._closeReport(a.id)}
            @reported=${(e: CustomEvent<boolean>) => {
              this._reporting = null;
              this._note(a.id, e.detail ? 'hidden' : 'reported');
            }}
          ></samen-report>`
        : nothing}
    </li>`;
  }

  protected override render() {
    const c = stringsFor(this);
    if (this._error) return html`<p class="error" role="alert">${this._error}</p>`;
    if (!this._answers || !c) return html`<p class="meta" role="status">${this.t.loadingAnswers}</p>`;
    return html`<ol aria-label=${this.t.answerCount(this._answers.length)}>
      ${this._answers.map((a) => this._renderAnswer(a, c))}
    </ol>`;
  }
}

define('samen-answers', SamenAnswers);

declare global {
  interface HTMLElementTagNameMap {
    'samen-answers': SamenAnswers;
  }
}
