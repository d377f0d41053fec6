/**
 * The console's calls for the Community view (`/api/v1/console/members…`, `/reputation/settings`):
 * same origin, the session cookie sent by the browser, failures as `ConsoleApiError`.
 */
import type { CommunityMember, CommunityRole, ReputationSettings } from '../../../worker/src/reputation-types.ts';
import { consoleRequest } from './api.ts';

export type { CommunityMember, CommunityRole, ReputationSettings };

/** What the Community view needs; tests hand it another implementation. */
export interface ConsoleCommunityApi {
  members(sort: 'points' | 'influence', signal?: AbortSignal): Promise<CommunityMember[]>;
  /** Owners: make a member a shopper, ambassador or expert for `products`. */
  setRole(profileId: string, role: CommunityRole, products: string[]): Promise<CommunityMember>;
  settings(signal?: AbortSignal): Promise<ReputationSettings>;
  /** Owners: the points table and level names (everyone is recounted at once). */
  saveSettings(change: Partial<ReputationSettings>): Promise<ReputationSettings>;
  /** Owners: recounts reputation and influence now; returns how many profiles were written. */
  recompute(): Promise<number>;
}

export function createConsoleCommunityApi(base: URL = new URL('/api/v1/console/', location.origin)): ConsoleCommunityApi {
  const call = consoleRequest(base);
  return {
    members: async (sort, signal) => (await call<{ members: CommunityMember[] }>(`members?sort=${sort}`, { signal })).members,
    setRole: async (profileId, role, products) =>
      (await call<{ member: CommunityMember }>(`members/${encodeURIComponent(profileId)}/role`, { method: 'PUT', body: { role, products } })).member,
    settings: async (signal) => (await call<{ settings: ReputationSettings }>('reputation/settings', { signal })).settings,
    saveSettings: async (change) => (await call<{ settings: ReputationSettings }>('reputation/settings', { method: 'PUT', body: change })).settings,
    recompute: async () => (await call<{ profiles: number }>('members/recompute', { method: 'POST' })).profiles,
  };
}
