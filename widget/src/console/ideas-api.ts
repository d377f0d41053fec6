/**
 * The console's calls for the idea board (`/api/v1/console/ideas…`): same origin, the session
 * cookie sent by the browser, failures as `ConsoleApiError` like the rest of the console's API.
 */
import type { ConsoleIdea, ConsoleIdeaPage, IdeaChange, IdeaSettings, IdeaStatus } from '../../../worker/src/idea-types.ts';
import { consoleRequest } from './api.ts';

export type { ConsoleIdea, ConsoleIdeaPage, IdeaChange, IdeaSettings, IdeaStatus };

/** What the Ideas view needs; tests hand it another implementation. */
export interface ConsoleIdeasApi {
  /** The site's ideas, newest first; `status` null: every status. */
  ideas(query: { status: IdeaStatus | null; cursor: string | null }, signal?: AbortSignal): Promise<ConsoleIdeaPage>;
  /** Sets the public status and its explanation (or publishes / removes a held idea). */
  change(id: string, change: IdeaChange): Promise<ConsoleIdea>;
  /** Merges the duplicate `id` into `into` (votes move there); answers the idea merged into. */
  merge(id: string, into: string): Promise<ConsoleIdea>;
  /** Owners only. */
  settings(signal?: AbortSignal): Promise<IdeaSettings>;
  saveSettings(settings: IdeaSettings): Promise<IdeaSettings>;
}

export function createConsoleIdeasApi(base: URL = new URL('/api/v1/console/', location.origin)): ConsoleIdeasApi {
  const call = consoleRequest(base);
  const idea = (id: string) => `ideas/${encodeURIComponent(id)}`;
  return {
    ideas: ({ status, cursor }, signal) =>
      call(`ideas${status ? `?status=${status}` : ''}${cursor ? `${status ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` : ''}`, { signal }),
    change: async (id, change) => (await call<{ idea: ConsoleIdea }>(idea(id), { method: 'PATCH', body: change })).idea,
    merge: async (id, into) => (await call<{ idea: ConsoleIdea }>(`${idea(id)}/merge`, { method: 'POST', body: { into } })).idea,
    settings: (signal) => call('ideas/settings', { signal }),
    saveSettings: (settings) => call('ideas/settings', { method: 'PUT', body: settings }),
  };
}
