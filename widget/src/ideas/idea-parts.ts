import { html, css } from 'lit';
import type { IdeaStatus } from '../api/client.ts';
import type { IdeaStrings } from '../i18n/ideas/index.ts';

/** Looks shared by the board and the share form: status pills, title buttons, plain lists. */
export const ideaStyles = css`
  h3,
  h4 {
    font-size: 1em;
    margin: 0;
  }
  p {
    margin: 0.25em 0;
  }
  .plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .plain li {
    padding-block: 0.25em;
  }
  .meta,
  .count,
  .state {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: center;
  }
  button.link {
    border: 0;
    padding: 0;
    min-block-size: 0;
    text-align: start;
    font-weight: 600;
    text-decoration: underline;
    background: none;
    color: inherit;
  }
  .status {
    display: inline-block;
    font-size: 0.75em;
    font-weight: 700;
    padding-inline: 0.5em;
    border: 1px solid currentColor;
    border-radius: 999px;
    color: var(--_muted);
  }
  .status.planned,
  .status.done {
    color: var(--_accent);
  }
  [aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
`;

/** The public status as a small pill ("Planned"). */
export const statusLabel = (c: IdeaStrings, status: IdeaStatus) => html`<span class="status ${status}">${c.status[status]}</span>`;

/** "12 votes", the number written for the language. */
export const votesText = (c: IdeaStrings, n: number, lang: string) => c.votes(n, n.toLocaleString(lang));
