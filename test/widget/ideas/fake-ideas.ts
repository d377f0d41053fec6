/**
 * The idea board part of the in-memory API (test/fixtures/fake-api.ts delegates its idea methods
 * here), kept as the Worker keeps it (worker/src/routes/ideas.ts): "top" and "new" list the open
 * ideas (new, under review, planned), "done" the delivered ones; declined and merged ideas are in
 * no list; a product's board also shows the shop-wide ideas; one vote per viewer (voting creates
 * a visitor, as the real client does); the Worker's length rules and error codes; merged ideas
 * refuse votes and comments with 409 `idea_merged`. Similar-idea search matches any word of 3+
 * letters in the title, as a stand-in for the Worker's full-text search.
 */
import { IDEA_LIMITS, type IdeaCategory, type IdeaStatus } from '../../../worker/src/idea-types.ts';
import type { Idea, IdeaComment, IdeaNotice, IdeaPage, IdeaQuery, IdeaSummary, NewIdea, SamenApi } from '../../../widget/src/api/client.ts';
import { serverError } from '../../fixtures/fake-api.ts';

type Method = keyof SamenApi;

/** What the ideas need from the fake API they belong to. */
export interface IdeaHost {
  enter(method: Method, args: unknown[], signal?: AbortSignal): Promise<void>;
  /** The current viewer's key (member or visitor), creating a visitor on a write when needed. */
  viewer(write: boolean): string | null;
  member(): { name: string; role: 'shopper' | 'expert' } | null;
}

export interface IdeaSeed {
  title?: string;
  body?: string;
  category?: IdeaCategory;
  productId?: string | null;
  status?: IdeaStatus;
  statusNote?: string | null;
  voteCount?: number;
  authorName?: string | null;
  mine?: boolean;
  /** The viewer already voted (counted in `voteCount`). */
  voted?: boolean;
  createdAt?: number;
  mergedInto?: string | null;
}

interface Stored extends Omit<Idea, 'voted' | 'mine' | 'commentCount'> {
  owner: string;
  voters: Set<string>;
  /** Votes by others (seeded counts). */
  others: number;
  comments: (IdeaComment & { owner: string })[];
}

const PAGE = 20;
const OPEN: IdeaStatus[] = ['new', 'under_review', 'planned'];
const SOMEONE_ELSE = 'someone-else';

export class FakeIdeas {
  readonly stored: Stored[] = [];
  /** What the next post is screened as (held for review, masked data). */
  nextNotice: IdeaNotice | null = null;
  #clock = Date.now() - 40 * 24 * 3600e3;

  constructor(private readonly host: IdeaHost) {}

  /** Stores an idea as if shared earlier by someone else (or by the viewer with `mine`). */
  add(seed: IdeaSeed = {}, productId: string | null = 'jacket-1'): Idea {
    const n = this.stored.length + 1;
    const createdAt = seed.createdAt ?? (this.#clock += 3600e3);
    const viewer = this.host.viewer(!!(seed.mine || seed.voted));
    const voters = new Set<string>(seed.voted && viewer ? [viewer] : []);
    const status = seed.status ?? 'new';
    const row: Stored = {
      id: crypto.randomUUID(),
      title: seed.title ?? `Idea number ${n}`,
      body: seed.body ?? `What idea number ${n} is about, in some detail.`,
      category: seed.category ?? 'product',
      productId: seed.productId === undefined ? productId : seed.productId,
      status,
      statusNote: seed.statusNote ?? null,
      statusAt: status === 'new' ? null : createdAt + 3600e3,
      voteCount: seed.voteCount ?? 0,
      authorName: seed.authorName === undefined ? `Shopper ${n}` : seed.authorName,
      formerMember: false,
      mergedInto: seed.mergedInto ?? null,
      createdAt,
      owner: seed.mine && viewer ? viewer : SOMEONE_ELSE,
      voters,
      others: (seed.voteCount ?? 0) - voters.size,
      comments: [],
    };
    this.stored.push(row);
    return this.present(row);
  }

  /** Adds a comment by someone else (or by staff with `authorRole: 'staff'`). */
  addComment(ideaId: string, body: string, { authorName = 'Another shopper', authorRole = 'shopper' as IdeaComment['authorRole'] } = {}): IdeaComment {
    const idea = this.find(ideaId);
    const comment = { id: crypto.randomUUID(), body, authorName, authorRole, formerMember: false, mine: false, createdAt: Date.now() - 60e3, owner: SOMEONE_ELSE };
    idea.comments.push(comment);
    return comment;
  }

  async page(q: IdeaQuery, signal?: AbortSignal): Promise<IdeaPage> {
    await this.host.enter('ideas', [q], signal);
    const listed = this.stored
      .filter((i) => i.mergedInto === null && (q.sort === 'done' ? i.status === 'done' : OPEN.includes(i.status)))
      .filter((i) => q.productId === null || i.productId === null || i.productId === q.productId)
      .sort((a, b) =>
        q.sort === 'top' ? b.voteCount - a.voteCount || b.createdAt - a.createdAt : q.sort === 'done' ? (b.statusAt ?? 0) - (a.statusAt ?? 0) : b.createdAt - a.createdAt,
      );
    const start = q.cursor ? Number(q.cursor) : 0;
    const ideas = listed.slice(start, start + PAGE).map((i) => this.present(i));
    return { ideas, nextCursor: start + PAGE < listed.length ? String(start + PAGE) : null };
  }

  async similar(q: string, productId: string | null, signal?: AbortSignal): Promise<IdeaSummary[]> {
    await this.host.enter('similarIdeas', [q, productId], signal);
    const words = q.toLowerCase().split(/\W+/).filter((w) => w.length >= 3);
    return this.stored
      .filter((i) => i.mergedInto === null && (productId === null || i.productId === null || i.productId === productId))
      .filter((i) => words.some((w) => i.title.toLowerCase().includes(w)))
      .slice(0, 5)
      .map(({ id, title, status, voteCount }) => ({ id, title, status, voteCount }));
  }

  async share(input: NewIdea): Promise<{ idea: Idea; notice: IdeaNotice }> {
    await this.host.enter('shareIdea', [input]);
    const title = input.title.trim();
    const body = input.body.trim();
    if (title.length < IDEA_LIMITS.title.min) throw serverError(400, 'idea_title_too_short');
    if (title.length > IDEA_LIMITS.title.max) throw serverError(400, 'idea_title_too_long');
    if (body.length < IDEA_LIMITS.body.min) throw serverError(400, 'idea_body_too_short');
    if (body.length > IDEA_LIMITS.body.max) throw serverError(400, 'idea_body_too_long');
    if (!['product', 'experience', 'involvement'].includes(input.category)) throw serverError(400, 'invalid_idea_category');
    if ((input.name ?? '').trim().length > 60) throw serverError(400, 'name_too_long');
    const owner = this.host.viewer(true) ?? SOMEONE_ELSE;
    const member = this.host.member();
    const row: Stored = {
      id: crypto.randomUUID(),
      title,
      body,
      category: input.category,
      productId: input.productId ?? null,
      status: 'new',
      statusNote: null,
      statusAt: null,
      voteCount: 0,
      authorName: member ? member.name : input.name?.trim() || null,
      formerMember: false,
      mergedInto: null,
      createdAt: Date.now(),
      owner,
      voters: new Set(),
      others: 0,
      comments: [],
    };
    this.stored.push(row);
    const notice = this.nextNotice ?? { status: 'published', masked: [] };
    this.nextNotice = null;
    return { idea: this.present(row), notice };
  }

  async detail(id: string, signal?: AbortSignal): Promise<{ idea: Idea; comments: IdeaComment[] }> {
    await this.host.enter('idea', [id], signal);
    const idea = this.find(id);
    const viewer = this.host.viewer(false);
    return { idea: this.present(idea), comments: idea.comments.map(({ owner, ...c }) => ({ ...c, mine: owner === viewer })) };
  }

  async vote(id: string, voted: boolean): Promise<{ voted: boolean; voteCount: number }> {
    await this.host.enter('voteIdea', [id, voted]);
    const idea = this.open(id);
    const voter = this.host.viewer(true)!;
    if (voted) idea.voters.add(voter);
    else idea.voters.delete(voter);
    idea.voteCount = idea.others + idea.voters.size;
    return { voted, voteCount: idea.voteCount };
  }

  async comment(id: string, input: { body: string; name?: string }): Promise<{ comment: IdeaComment; notice: IdeaNotice }> {
    await this.host.enter('commentOnIdea', [id, input]);
    const idea = this.open(id);
    const body = input.body.trim();
    if (body.length < IDEA_LIMITS.comment.min) throw serverError(400, 'idea_comment_too_short');
    if (body.length > IDEA_LIMITS.comment.max) throw serverError(400, 'idea_comment_too_long');
    const owner = this.host.viewer(true)!;
    const member = this.host.member();
    const comment = {
      id: crypto.randomUUID(),
      body,
      authorName: member ? member.name : input.name?.trim() || null,
      authorRole: member ? member.role : null,
      formerMember: false,
      mine: true,
      createdAt: Date.now(),
      owner,
    };
    idea.comments.push(comment);
    const { owner: _, ...shown } = comment;
    return { comment: shown, notice: { status: 'published', masked: [] } };
  }

  find(id: string): Stored {
    const idea = this.stored.find((i) => i.id === id);
    if (!idea) throw serverError(404, 'idea_not_found', 'This idea does not exist.');
    return idea;
  }

  private open(id: string): Stored {
    const idea = this.find(id);
    if (idea.mergedInto !== null) throw serverError(409, 'idea_merged', 'This idea was merged into another one.');
    return idea;
  }

  private present(row: Stored): Idea {
    const viewer = this.host.viewer(false);
    const { owner, voters, others: _, comments, ...idea } = row;
    return { ...idea, commentCount: comments.length, voted: viewer !== null && voters.has(viewer), mine: viewer !== null && owner === viewer };
  }
}
