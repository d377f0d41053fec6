import { html, nothing, type ReactiveControllerHost } from 'lit';

/** How a view reads and writes its setting, and where the outcome goes. */
export interface OwnerToggleIo {
  read: () => Promise<boolean>;
  /** Saves `on`, answering with the value now stored. */
  write: (on: boolean) => Promise<boolean>;
  /** Reads out a saved setting or a failure (the view's live region). */
  announce: (text: string) => void;
  /** What is read out once the setting is saved. */
  saved: () => string;
  /** A failed call in the view's words (see `failureText`). */
  failed: (err: unknown) => string;
}

/** The texts of the setting's own section. */
export interface OwnerToggleStrings {
  settingsHeading: string;
  saveSettings: string;
}

/**
 * An owner's one on/off setting of a feature (visitors may review; the widget shows the Ideas tab),
 * in its own section below the view's list: read when the view opens, saved from a small form.
 */
export class OwnerToggle {
  /** The stored value; null until read (the section stays hidden). */
  value: boolean | null = null;
  readonly #host: ReactiveControllerHost;
  readonly #io: OwnerToggleIo;

  constructor(host: ReactiveControllerHost, io: OwnerToggleIo) {
    this.#host = host;
    this.#io = io;
  }

  async load(): Promise<void> {
    try {
      this.#set(await this.#io.read());
    } catch (err) {
      this.#io.failed(err);
    }
  }

  async #save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    try {
      this.#set(await this.#io.write(this.value ?? false));
      this.#io.announce(this.#io.saved());
    } catch (err) {
      this.#io.announce(this.#io.failed(err));
    }
  }

  /** The section (nothing until the value is read); `id` names its heading, `label` the checkbox. */
  render(id: string, t: OwnerToggleStrings, label: string) {
    if (this.value === null) return nothing;
    return html`<section aria-labelledby=${id}>
      <h2 id=${id}>${t.settingsHeading}</h2>
      <form @submit=${(e: SubmitEvent) => void this.#save(e)}>
        <label class="inline">
          <input type="checkbox" .checked=${this.value} @change=${(e: Event) => this.#set((e.target as HTMLInputElement).checked)} />
          ${label}
        </label>
        <div><button class="primary" type="submit">${t.saveSettings}</button></div>
      </form>
    </section>`;
  }

  #set(value: boolean): void {
    this.value = value;
    this.#host.requestUpdate();
  }
}
