import { css } from 'lit';

/** Layout pieces the console's views share (on top of the widget's tokens and controls). */
export const consoleStyles = css`
  h2 {
    font-size: 1.25rem;
    margin: 0 0 1rem;
  }
  h3 {
    font-size: 1.0625rem;
    margin: 0 0 0.5rem;
  }
  section + section {
    margin-block-start: 2rem;
  }
  form {
    display: grid;
    gap: 1rem;
    max-inline-size: 32rem;
  }
  select {
    font: inherit;
    font-size: max(1rem, 16px);
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
  }
  select:focus-visible,
  input[type='radio']:focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem 1rem;
    margin: 0;
  }
  legend {
    font-weight: 600;
    padding-inline: 0.25rem;
  }
  fieldset label {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: 400;
    margin-block: 0.25rem;
  }
  fieldset input[type='radio'],
  fieldset input[type='checkbox'] {
    inline-size: auto;
  }
  input.number {
    max-inline-size: 8rem;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .state,
  .meta {
    color: var(--_muted);
  }
  .meta {
    font-size: 0.875rem;
    margin: 0.25rem 0 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .confirm {
    border: 2px solid var(--_error);
    border-radius: var(--_radius);
    padding: 1rem;
    max-inline-size: 40rem;
  }
  button.danger {
    background: var(--_error);
    border-color: var(--_error);
    color: #fff;
  }
  .status {
    margin: 0.5rem 0 0;
  }
  .secret {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
  }
  table {
    border-collapse: collapse;
    inline-size: 100%;
    max-inline-size: 48rem;
  }
  th,
  td {
    text-align: start;
    padding: 0.5rem 0.75rem 0.5rem 0;
    border-block-end: 1px solid var(--_border);
    vertical-align: top;
  }
`;

/** Pieces of the queue and its item view: markers, the row's open button, messages and notes. */
export const queueStyles = css`
  .flags {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.5rem;
    margin: 0;
    font-size: 0.8125rem;
    line-height: 1.5;
  }
  .flag {
    display: inline-block;
    padding-inline: 0.5rem;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
  }
  ol.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .flag.priority {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .flag.overdue {
    border-color: var(--_error);
    background: var(--_error);
    color: #fff;
    font-weight: 600;
  }
  .flag.soon {
    border: 2px solid var(--_error);
    color: var(--_error);
    font-weight: 600;
  }
  button.open {
    border: 0;
    background: none;
    padding: 0;
    min-block-size: auto;
    text-align: start;
    font-weight: 600;
    text-decoration: underline;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .body {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .error-box {
    margin-block-end: 1rem;
  }
`;

/** Posts shown in full, one article a list item (reviews, ideas, held questions), divided by a line. */
export const articleListStyles = css`
  li + li {
    border-block-start: 1px solid var(--_border);
  }
  article {
    padding-block: 1rem;
    display: grid;
    gap: 0.5rem;
    max-inline-size: 48rem;
  }
  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;

/** A checkbox and its label on one line (`<label class="inline">`: filters, on/off settings). */
export const inlineLabelStyles = css`
  label.inline {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    font-weight: 400;
  }
  label.inline input {
    inline-size: auto;
  }
`;
