import { LitElement, html, css, nothing } from 'lit';
import { define } from '../internal/define.ts';
import { controls, tokens } from '../styles/shared.ts';
import { consoleStyles } from './styles.ts';
import { LatestLoad } from './latest-load.ts';
import { failureText } from './view-errors.ts';
import {
  createConsoleCommunityApi,
  type CommunityMember,
  type CommunityRole,
  type ConsoleCommunityApi,
  type ReputationSettings,
} from './community-api.ts';
import { consoleCommunityStrings, influenceLines } from './i18n/community.ts';
import type { Language } from './i18n/index.ts';
import type { LevelSetting, PointsTable } from '../../../worker/src/reputation-types.ts';

const POINT_KEYS: (keyof PointsTable)[] = ['answer', 'accepted', 'helpfulVote', 'review', 'ideaAdopted', 'voteCap'];
const ROLES: CommunityRole[] = ['shopper', 'ambassador', 'expert'];

/**
 * "Community" (owners): contributors with points, level, badges, role and influence score, each
 * score with its "why"; owners promote members to ambassador or expert for chosen products (or
 * back), edit the points table and level names, and recompute everything now. Member names are
 * rendered only through Lit text bindings.
 *
 * @fires session-ended - (internal) when the API says the session is gone
 */
export class SamenConsoleCommunity extends LitElement {
  static override properties = {
    api: { attribute: false },
    locale: { type: String },
    role: { type: String },
    _members: { state: true },
    _status: { state: true },
    _sort: { state: true },
    _why: { state: true },
    _editing: { state: true },
    _draft: { state: true },
    _error: { state: true },
    _settings: { state: true },
    _settingsError: { state: true },
    _announcement: { state: true },
    _busy: { state: true },
  };

  static override styles = [
    tokens,
    controls,
    consoleStyles,
    css`
      table {
        border-collapse: collapse;
        inline-size: 100%;
      }
      th,
      td {
        text-align: start;
        padding: 0.5rem;
        border-block-end: 1px solid var(--_border);
        vertical-align: top;
      }
      .why {
        margin: 0.25rem 0 0;
        padding-inline-start: 1rem;
        font-size: 0.875rem;
      }
      fieldset {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        display: grid;
        gap: 0.5rem;
        max-inline-size: 36rem;
      }
      input[type='number'] {
        max-inline-size: 8rem;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: end;
      }
    `,
  ];

  /** The community calls; created for the page's own origin unless one is given (tests). */
  declare api: ConsoleCommunityApi | null;
  declare locale: Language;
  declare role: 'owner' | 'agent';
  declare private _members: CommunityMember[];
  declare private _status: 'loading' | 'ready' | 'error';
  declare private _sort: 'points' | 'influence';
  /** Profile ids whose "why" is open. */
  declare private _why: ReadonlySet<string>;
  /** The member whose role is being changed. */
  declare private _editing: string | null;
  declare private _draft: { role: CommunityRole; products: string };
  declare private _error: string;
  declare private _settings: ReputationSettings | null;
  declare private _settingsError: string;
  declare private _announcement: string;
  declare private _busy: boolean;
  #loading = new LatestLoad(this);

  constructor() {
    super();
    this.api = null;
    this.locale = 'en';
    this.role = 'agent';
    this._members = [];
    this._status = 'loading';
    this._sort = 'points';
    this._why = new Set();
    this._editing = null;
    this._draft = { role: 'shopper', products: '' };
    this._error = this._settingsError = this._announcement = '';
    this._settings = null;
    this._busy = false;
  }

  get #t() {
    return consoleCommunityStrings[this.locale] ?? consoleCommunityStrings.en;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.api ??= createConsoleCommunityApi();
    void this.#load();
    void this.#loadSettings();
  }

  #failed(err: unknown): string {
    return failureText(this, this.#t.errors, err);
  }

  async #load(): Promise<void> {
    const api = this.api;
    if (!api) return;
    if (!this._members.length) this._status = 'loading';
    await this.#loading.run(
      async (signal) => {
        this._members = await api.members(this._sort, signal);
        this._status = 'ready';
      },
      (err) => {
        this._error = this.#failed(err);
        this._status = 'error';
      },
    );
  }

  async #loadSettings(): Promise<void> {
    try {
      this._settings = await this.api!.settings();
    } catch (err) {
      this._settingsError = this.#failed(err);
    }
  }

  #name(m: CommunityMember): string {
    return m.name ?? (m.kind === 'visitor' ? this.#t.visitor : this.#t.anonymous);
  }

  #levelName(key: LevelSetting['key'], custom: string | null): string {
    return custom ?? this.#t.levels[key];
  }

  async #recompute(): Promise<void> {
    if (this._busy || !this.api) return;
    this._busy = true;
    try {
      const n = await this.api.recompute();
      await this.#load();
      this._announcement = this.#t.recomputed(n);
    } catch (err) {
      this._announcement = this.#failed(err);
    } finally {
      this._busy = false;
    }
  }

  #toggleWhy(id: string): void {
    const open = new Set(this._why);
    if (open.has(id)) open.delete(id);
    else open.add(id);
    this._why = open;
  }

  #edit(m: CommunityMember): void {
    this._editing = m.profileId;
    this._draft = { role: m.role, products: m.products.join(', ') };
    this._error = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#role-select')?.focus());
  }

  async #saveRole(e: SubmitEvent, m: CommunityMember): Promise<void> {
    e.preventDefault();
    if (this._busy || !this.api) return;
    this._busy = true;
    this._error = '';
    const products = this._draft.products.split(',').map((p) => p.trim()).filter(Boolean);
    try {
      const updated = await this.api.setRole(m.profileId, this._draft.role, products);
      this._members = this._members.map((x) => (x.profileId === updated.profileId ? updated : x));
      this._editing = null;
      this._announcement = this.#t.roleSaved(this.#name(updated), this.#t.roles[updated.role]);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`[data-role="${m.profileId}"]`)?.focus();
    } catch (err) {
      this._error = this.#failed(err);
    } finally {
      this._busy = false;
    }
  }

  async #saveSettings(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (!this._settings || !this.api || this._busy) return;
    this._busy = true;
    this._settingsError = '';
    try {
      this._settings = await this.api.saveSettings(this._settings);
      await this.#load();
      this._announcement = this.#t.settingsSaved;
    } catch (err) {
      this._settingsError = this.#failed(err);
    } finally {
      this._busy = false;
    }
  }

  #setPoint(key: keyof PointsTable, value: string): void {
    if (!this._settings) return;
    this._settings = { ...this._settings, points: { ...this._settings.points, [key]: Number(value) } };
  }

  #setLevel(i: number, change: Partial<LevelSetting>): void {
    if (!this._settings) return;
    this._settings = { ...this._settings, levels: this._settings.levels.map((l, j) => (j === i ? { ...l, ...change } : l)) };
  }

  #roleForm(m: CommunityMember) {
    const t = this.#t;
    return html`<form novalidate aria-label=${t.changeRole(this.#name(m))} @submit=${(e: SubmitEvent) => void this.#saveRole(e, m)}>
      <label for="role-select">${t.roleLabel}</label>
      <select
        id="role-select"
        .value=${this._draft.role}
        @change=${(e: Event) => (this._draft = { ...this._draft, role: (e.target as HTMLSelectElement).value as CommunityRole })}
      >
        ${ROLES.map((r) => html`<option value=${r} ?selected=${this._draft.role === r}>${t.roles[r]}</option>`)}
      </select>
      <label for="role-products">${t.productsLabel}</label>
      <input
        id="role-products"
        .value=${this._draft.products}
        aria-describedby="role-products-hint${this._error ? ' role-error' : ''}"
        aria-invalid=${this._error ? 'true' : 'false'}
        @input=${(e: InputEvent) => (this._draft = { ...this._draft, products: (e.target as HTMLInputElement).value })}
      />
      <p class="hint" id="role-products-hint">${t.productsHint}</p>
      ${this._error ? html`<p class="error" id="role-error" role="alert">${this._error}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this._busy}>${t.save}</button>
        <button type="button" @click=${() => (this._editing = null)}>${t.cancel}</button>
      </div>
    </form>`;
  }

  #row(m: CommunityMember) {
    const t = this.#t;
    const name = this.#name(m);
    const whyOpen = this._why.has(m.profileId);
    const owner = this.role === 'owner';
    return html`<tr>
      <th scope="row">${name}</th>
      <td>${t.roles[m.role]}${m.tokenExpert ? html` <span class="hint">(${t.fromShop})</span>` : nothing}
        ${m.role !== 'shopper' && m.products.length ? html`<br /><span class="hint">${m.products.join(', ')}</span>` : nothing}</td>
      <td>${m.points}</td>
      <td>${this.#levelName(m.level, m.levelName)}</td>
      <td>${m.badges.map((b) => t.badges[b]).join(', ')}</td>
      <td>
        ${m.influence === null || !m.influenceWhy
          ? t.notComputed
          : html`${m.influence}
              <button
                type="button"
                aria-expanded=${whyOpen ? 'true' : 'false'}
                aria-controls="why-${m.profileId}"
                aria-label=${`${t.why(m.influence)} ${name}`}
                @click=${() => this.#toggleWhy(m.profileId)}
              >
                ${t.why(m.influence)}
              </button>
              <ul class="why" id="why-${m.profileId}" aria-label=${t.whyFor(name)} ?hidden=${!whyOpen}>
                ${influenceLines(t, m.influenceWhy).map((line) => html`<li>${line}</li>`)}
              </ul>`}
      </td>
      ${owner
        ? html`<td>
            ${m.kind !== 'member'
              ? html`<span class="hint">${t.onlyMembers}</span>`
              : this._editing === m.profileId
                ? this.#roleForm(m)
                : html`<button type="button" data-role=${m.profileId} @click=${() => this.#edit(m)}>${t.changeRole(name)}</button>`}
          </td>`
        : nothing}
    </tr>`;
  }

  #list() {
    const t = this.#t;
    if (this._status === 'loading') return html`<p class="state" role="status">${t.loading}</p>`;
    if (this._status === 'error') return html`<p class="state" role="alert">${t.loadError} ${this._error}</p>`;
    if (!this._members.length) return html`<p class="state">${t.empty}</p>`;
    const c = t.columns;
    return html`<table aria-label=${t.listLabel}>
      <thead>
        <tr>
          <th scope="col">${c.name}</th>
          <th scope="col">${c.role}</th>
          <th scope="col">${c.points}</th>
          <th scope="col">${c.level}</th>
          <th scope="col">${c.badges}</th>
          <th scope="col">${c.influence}</th>
          ${this.role === 'owner' ? html`<th scope="col">${c.actions}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${this._members.map((m) => this.#row(m))}
      </tbody>
    </table>`;
  }

  #settingsForm() {
    const s = this._settings;
    const t = this.#t;
    if (!s || this.role !== 'owner') return nothing;
    return html`<section aria-labelledby="community-settings-heading">
      <h2 id="community-settings-heading">${t.settingsHeading}</h2>
      <p class="state">${t.settingsIntro}</p>
      <form novalidate @submit=${(e: SubmitEvent) => void this.#saveSettings(e)}>
        <fieldset>
          <legend>${t.settingsHeading}</legend>
          ${POINT_KEYS.map(
            (k) => html`<div>
              <label for="pts-${k}">${t.points[k]}</label>
              <input id="pts-${k}" type="number" min=${k === 'voteCap' ? 1 : 0} step="1" .value=${String(s.points[k])} @input=${(e: InputEvent) => this.#setPoint(k, (e.target as HTMLInputElement).value)} />
            </div>`,
          )}
          ${s.levels.map(
            (l, i) => html`<div>
                <label for="lvl-name-${l.key}">${t.levelName(t.levels[l.key])}</label>
                <input
                  id="lvl-name-${l.key}"
                  maxlength="40"
                  placeholder=${t.levels[l.key]}
                  .value=${l.name ?? ''}
                  @input=${(e: InputEvent) => this.#setLevel(i, { name: (e.target as HTMLInputElement).value || null })}
                />
              </div>
              ${i === 0
                ? nothing
                : html`<div>
                    <label for="lvl-min-${l.key}">${t.levelMin(this.#levelName(l.key, l.name))}</label>
                    <input id="lvl-min-${l.key}" type="number" min="1" step="1" .value=${String(l.min)} @input=${(e: InputEvent) => this.#setLevel(i, { min: Number((e.target as HTMLInputElement).value) })} />
                  </div>`}`,
          )}
        </fieldset>
        ${this._settingsError ? html`<p class="error" role="alert">${this._settingsError}</p>` : nothing}
        <div class="actions"><button class="primary" type="submit" ?disabled=${this._busy}>${t.saveSettings}</button></div>
      </form>
    </section>`;
  }

  protected override render() {
    const t = this.#t;
    return html`<section aria-labelledby="community-heading">
        <h2 id="community-heading" tabindex="-1">${t.heading}</h2>
        <p class="state">${t.intro}</p>
        <div class="toolbar">
          <div>
            <label for="community-sort">${t.sortLabel}</label>
            <select
              id="community-sort"
              @change=${(e: Event) => {
                this._sort = (e.target as HTMLSelectElement).value === 'influence' ? 'influence' : 'points';
                void this.#load();
              }}
            >
              ${(['points', 'influence'] as const).map((s) => html`<option value=${s} ?selected=${this._sort === s}>${t.sorts[s]}</option>`)}
            </select>
          </div>
          ${this.role === 'owner'
            ? html`<button type="button" ?disabled=${this._busy} @click=${() => void this.#recompute()}>${t.recompute}</button>`
            : nothing}
        </div>
        <p class="visually-hidden" role="status">${this._announcement}</p>
        ${this.#list()}
      </section>
      ${this.#settingsForm()}`;
  }
}

define('samen-console-community', SamenConsoleCommunity);

declare global {
  interface HTMLElementTagNameMap {
    'samen-console-community': SamenConsoleCommunity;
  }
}
