import { css } from 'lit';

/**
 * Design tokens with defaults. Site owners theme the widget only through these
 * custom properties (they inherit through the shadow root) and the documented parts.
 *
 * Each default is a light and a dark colour: `color-scheme` picks one, following the shopper's
 * `prefers-color-scheme` unless `<samen-widget theme="light|dark">` or `--samen-color-scheme` sets
 * it. That goes through the inherited custom property because every nested component's :host runs
 * these rules again and only the outer one has the attribute. A `--samen-*` colour always wins.
 *
 * `--_brand` is the site's brand colour from its settings, set on <samen-widget> by the core. It
 * is the light accent only: the console admits it for its contrast on white, which says nothing
 * about a dark surface (a dark navy that reads well on white vanishes on #16191d), so dark mode
 * keeps Samen's accent unless the page sets --samen-accent itself. system-ui alone is the font
 * stack: every browser the widget supports knows it.
 */
export const tokens = css`
  :host {
    box-sizing: border-box;
    display: block;
    --_font: var(--samen-font, 400 medium/1.5 system-ui, sans-serif);
    font: var(--_font);
    color-scheme: var(--samen-color-scheme, light dark);
    color: var(--_text);
    --_accent: var(--samen-accent, light-dark(var(--_brand, #22577a), #8ecae6));
    --_on-accent: var(--samen-on-accent, light-dark(#fff, #10202b));
    --_surface: var(--samen-surface, light-dark(#fff, #16191d));
    --_text: var(--samen-text, light-dark(#1d2327, #e6edf3));
    --_muted: var(--samen-muted, light-dark(#57606a, #a3adb8));
    --_border: var(--samen-border, light-dark(#c9d1d9, #454d57));
    --_error: var(--samen-error, light-dark(#b3261e, #ffb4ab));
    --_radius: var(--samen-radius, 8px);
  }
  /* A page rule for every element ("* { all: unset }") beats :host on the element itself, so the
     outermost boxes set font and colour again; "medium", not rem: a page's 62.5% root must not shrink us. */
  .container,
  dialog {
    font: var(--_font);
    color: var(--_text);
  }
  :host([theme='light']) {
    --samen-color-scheme: light;
  }
  :host([theme='dark']) {
    --samen-color-scheme: dark;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;

/** A small pill: "Expert", "New answers". */
export const badge = css`
  .badge {
    display: inline-block;
    font-size: 0.75em;
    font-weight: 700;
    padding-inline: 0.375em;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_on-accent);
  }
`;

export const controls = css`
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    padding-block: 0.5em;
    padding-inline: 1em;
    border: 1px solid var(--_accent);
    background: var(--_surface);
    color: var(--_accent);
    min-block-size: 2.75em;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  button:focus-visible,
  textarea:focus-visible,
  input:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  label {
    display: block;
    font-weight: 600;
    margin-block-end: 0.25em;
  }
  textarea,
  input {
    font: inherit;
    font-size: max(1em, 16px);
    inline-size: 100%;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
  }
  [aria-invalid='true'] {
    border-color: var(--_error);
  }
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
    margin: 0.25em 0 0;
  }
  .error {
    color: var(--_error);
    font-size: 0.875em;
    margin: 0.25em 0 0;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
