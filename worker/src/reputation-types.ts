/**
 * Reputation and influence, shared with the widget and the console as types only.
 *
 * Shopper-facing (`/api/v1/sites/:site/…`): {@link PublicReputation} on answers and the
 * {@link ProfileCard} of `GET /profiles/:profileId`. Neither ever carries a member's sub, visitor
 * id, email or influence score.
 *
 * Console (`/api/v1/console/…`, staff session):
 * - `GET /members?sort=points|influence` → {@link MemberPage}
 * - `GET /members/:profileId` → `{ member: CommunityMember }`
 * - `PUT /members/:profileId/role` body {@link RoleGrant} (owner) → `{ member }`
 * - `GET /reputation/settings` → `{ settings: ReputationSettings }`
 * - `PUT /reputation/settings` body `Partial<ReputationSettings>` (owner) → `{ settings }`
 * - `POST /members/recompute` (owner) → `{ profiles: number }`
 */

/** Levels run from the first to the last; owners tune the thresholds and may rename them. */
export const LEVEL_KEYS = ['newcomer', 'regular', 'ambassador'] as const;
export type LevelKey = (typeof LEVEL_KEYS)[number];

/** first_answer, accepted_10 (ten accepted answers), top_answerer (most answers on a product this month), verified_expert, ambassador (granted). */
export const BADGE_KEYS = ['first_answer', 'accepted_10', 'top_answerer', 'verified_expert', 'ambassador'] as const;
export type BadgeKey = (typeof BADGE_KEYS)[number];

/** The role a member has on the site: the shop's token may say expert; the owner may grant ambassador or expert. */
export type CommunityRole = 'shopper' | 'ambassador' | 'expert';

/** Shown next to an author's name in the widget. */
export interface PublicReputation {
  /** Random; the only id of a profile a client sees. */
  profileId: string;
  level: LevelKey;
  /** The owner's own name for the level; null: the widget's translation of `level`. */
  levelName: string | null;
  badges: BadgeKey[];
}

/** `GET /api/v1/sites/:site/profiles/:profileId` → `{ profile }`. */
export interface ProfileCard extends PublicReputation {
  name: string | null;
  role: CommunityRole;
  answerCount: number;
  acceptedCount: number;
  reviewCount: number;
  /** First contribution or first sign-in. */
  memberSince: number | null;
}

/** Points per contribution (the site's table); `voteCap` = at most this many helpful votes count per voter, and per network, on one member. */
export interface PointsTable {
  answer: number;
  accepted: number;
  helpfulVote: number;
  review: number;
  ideaAdopted: number;
  voteCap: number;
}

export interface LevelSetting {
  key: LevelKey;
  /** Points from which the level starts (the first is always 0). */
  min: number;
  /** The owner's name for it (any language); null: Samen's default name in the reader's language. */
  name: string | null;
}

export interface ReputationSettings {
  points: PointsTable;
  levels: LevelSetting[];
}

/** One input of the influence score: what was counted, its 0..1 share after the cap, and its weight. */
export interface InfluenceFactor {
  key: 'reach' | 'helpful' | 'accepted' | 'reviews' | 'ideas' | 'tenure';
  value: number;
  /** min(1, value / target). */
  share: number;
  weight: number;
  target: number;
}

/** Why a customer has the influence score they have (staff only). */
export interface InfluenceExplanation {
  factors: InfluenceFactor[];
  negative: { complaints: number; removed: number; penalty: number };
  /** Σ weight × share − penalty, clamped to 0..1. */
  raw: number;
  score: number;
}

/** A member as the console's Community view lists them. */
export interface CommunityMember extends PublicReputation {
  name: string | null;
  /** member: identified by the shop (can be promoted); visitor: anonymous contributor. */
  kind: 'member' | 'visitor';
  role: CommunityRole;
  /** The role comes from the shop's token (cannot be taken away in the console). */
  tokenExpert: boolean;
  products: string[];
  points: number;
  answerCount: number;
  acceptedCount: number;
  reviewCount: number;
  helpfulCount: number;
  ideaCount: number;
  adoptedCount: number;
  since: number | null;
  influence: number | null;
  influenceWhy: InfluenceExplanation | null;
  influenceAt: number | null;
}

export interface MemberPage {
  members: CommunityMember[];
}

export interface RoleGrant {
  role: CommunityRole;
  /** Products the ambassador or expert covers (routing and "Open questions"); ignored for shopper. */
  products: string[];
}

/** Next to the shopper in the staff queue. */
export interface QueueInfluence {
  score: number;
  why: InfluenceExplanation | null;
}
