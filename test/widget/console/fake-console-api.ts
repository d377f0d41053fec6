/**
 * An in-memory stand-in for the console API, for component tests: one site, accounts with
 * passwords, questions, staff, settings, shoppers, a moderation queue, webhooks, and the staff
 * queue (items, their details, canned responses, routing settings and live updates). Every call is recorded; any method can be
 * told to fail with a {@link ConsoleApiError} (what the real client throws), and calls can be
 * held to observe pending states.
 */
import {
  BLOCKLIST,
  ConsoleApiError,
  MAX_WEBHOOKS_PER_SITE,
  MODERATION_REASON_MAX,
  REPORT_THRESHOLD,
  isBlocklistWord,
  isWebhookUrl,
  normaliseWebhookUrl,
  type ConsoleApi,
  type ConsoleModerationItem,
  type ConsoleModerationLogEntry,
  type ConsoleModerationResult,
  type ConsoleNewWebhook,
  type ConsoleSiteUpdate,
  type ConsoleWebhook,
  type ConsoleWebhookDelivery,
  type ModerationDecision,
  type ModerationTargetType,
  type NewWebhookInput,
  type ConsoleQuestion,
  type ConsoleQuestionPage,
  type ConsoleSession,
  type ConsoleSiteSettings,
  type ConsoleStaffMember,
  type EraseMode,
  type NewStaffInput,
  type ShopperExport,
  type StaffRole,
  CANNED_TITLE_MAX,
  MAX_CANNED_PER_SITE,
  NEAR_BREACH_MS,
  QUEUE_STATUSES,
  STAFF_MESSAGE_MAX,
  type CannedResponse,
  type QueueEvent,
  type QueueFilter,
  type QueueItem,
  type QueueItemDetail,
  type QueueLiveConnection,
  type QueueLiveEvent,
  type QueueLiveHandlers,
  type QueueLiveState,
  type QueueMessageResult,
  type QueuePage,
  type RoutingSettings,
} from '../../../widget/src/console/api.ts';
import { routingProblem } from '../../../widget/src/console/routing-form.ts';
import { BRAND_COLOR_MIN_CONTRAST, contrastOnWhite, isBrandColor } from '../../../worker/src/brand-color.ts';

type Method = keyof ConsoleApi;

export const PAGE_SIZE = 20;

export const apiError = (status: number, code: string, retryAfter: number | null = null): ConsoleApiError =>
  new ConsoleApiError(status, code, `Failed: ${code}`, retryAfter);

export class FakeConsoleApi implements ConsoleApi {
  readonly calls: { method: Method; args: unknown[] }[] = [];
  /** Who is signed in; null: nobody. */
  signedIn: ConsoleSession | null = null;
  accounts = new Map<string, { password: string; session: ConsoleSession }>();
  questionList: ConsoleQuestion[] = [];
  staffList: ConsoleStaffMember[] = [];
  settings: ConsoleSiteSettings = {
    id: 'noordkust',
    name: 'Noordkust Outdoor',
    defaultLanguage: 'en',
    origins: ['https://shop.example'],
    eraseMode: 'anonymise',
    hasTokenSecret: false,
    reportThreshold: 3,
    blocklist: [],
    brandColor: null,
  };
  shoppers = new Map<string, ShopperExport>();
  /** The moderation queue (held, hidden, removed) as the API would list it. */
  moderationItems: ConsoleModerationItem[] = [];
  /** Audit rows per item id. */
  moderationLogs = new Map<string, ConsoleModerationLogEntry[]>();
  webhookList: (ConsoleWebhook & { secret: string })[] = [];
  deliveryList: ConsoleWebhookDelivery[] = [];
  /** The staff queue, in no particular order (the fake orders it as the API does). */
  queueItems: QueueItem[] = [];
  /** Everything of an item besides the row, per item id. */
  queueDetails = new Map<string, Omit<QueueItemDetail, 'item'>>();
  cannedList: CannedResponse[] = [];
  routingSettings: RoutingSettings = {
    timeZone: 'Europe/Amsterdam',
    businessHours: {
      mon: [['09:00', '17:30']],
      tue: [['09:00', '17:30']],
      wed: [['09:00', '17:30']],
      thu: [['09:00', '17:30']],
      fri: [['09:00', '17:30']],
    },
    holidays: [],
    communityWindowMinutes: 240,
    slaMinutes: 240,
    keywords: {},
  };
  /** Open live connections (what `queueLive` returned and nobody closed yet). */
  readonly liveHandlers = new Set<QueueLiveHandlers>();
  private failures = new Map<Method, ConsoleApiError>();
  private holds = new Map<Method, Promise<void>>();
  private secrets = 0;

  /** An account that can sign in; returns the session it gets. */
  addAccount(role: StaffRole, name = role === 'owner' ? 'Olga Owner' : 'Arjen Agent', password = 'correct-password'): ConsoleSession {
    const email = `${role}@shop.example`;
    const session: ConsoleSession = { staff: { id: `staff-${role}`, name, email, role }, site: { id: this.settings.id, name: this.settings.name } };
    this.accounts.set(email, { password, session });
    return session;
  }

  /** Starts already signed in as `role`. */
  signedInAs(role: StaffRole, name?: string): this {
    this.signedIn = this.addAccount(role, name);
    return this;
  }

  addQuestion(overrides: Partial<ConsoleQuestion> = {}): ConsoleQuestion {
    const q: ConsoleQuestion = {
      id: crypto.randomUUID(),
      productId: 'nk-storm-jacket',
      body: 'Does the hood fit over a helmet?',
      answerCount: 0,
      createdAt: Date.now() - this.questionList.length * 60e3,
      authorName: null,
      authorRole: null,
      authorSub: null,
      formerMember: false,
      ...overrides,
    };
    this.questionList.push(q);
    return q;
  }

  fail(method: Method, error: ConsoleApiError): this {
    this.failures.set(method, error);
    return this;
  }

  succeed(method?: Method): this {
    if (method) this.failures.delete(method);
    else this.failures.clear();
    return this;
  }

  /** Holds calls of `method` until the returned function is called. */
  hold(method: Method): () => void {
    let release = () => {};
    this.holds.set(method, new Promise<void>((r) => (release = r)));
    return () => {
      this.holds.delete(method);
      release();
    };
  }

  callsTo(method: Method): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  private async enter(method: Method, args: unknown[], needs: 'none' | 'staff' | 'owner' = 'staff'): Promise<void> {
    this.calls.push({ method, args });
    await this.holds.get(method);
    const failure = this.failures.get(method);
    if (failure) throw failure;
    if (needs !== 'none' && !this.signedIn) throw apiError(401, 'not_signed_in');
    if (needs === 'owner' && this.signedIn?.staff.role !== 'owner') throw apiError(403, 'forbidden');
  }

  async session(): Promise<ConsoleSession> {
    await this.enter('session', []);
    return this.signedIn!;
  }

  async signIn(email: string, password: string): Promise<ConsoleSession> {
    await this.enter('signIn', [email, password], 'none');
    const account = this.accounts.get(email.toLowerCase());
    if (!account || account.password !== password) throw apiError(401, 'invalid_credentials');
    this.signedIn = account.session;
    return account.session;
  }

  async signOut(): Promise<void> {
    await this.enter('signOut', [], 'none');
    this.signedIn = null;
  }

  async questions(cursor: string | null): Promise<ConsoleQuestionPage> {
    await this.enter('questions', [cursor]);
    const sorted = [...this.questionList].sort((a, b) => b.createdAt - a.createdAt);
    const start = cursor ? Number(cursor) : 0;
    const questions = sorted.slice(start, start + PAGE_SIZE);
    return { questions, nextCursor: start + PAGE_SIZE < sorted.length ? String(start + PAGE_SIZE) : null };
  }

  async staff(): Promise<ConsoleStaffMember[]> {
    await this.enter('staff', [], 'owner');
    return [...this.staffList];
  }

  async addStaff(input: NewStaffInput): Promise<ConsoleStaffMember> {
    await this.enter('addStaff', [input], 'owner');
    if (this.staffList.some((s) => s.email === input.email.toLowerCase())) throw apiError(409, 'email_taken');
    const member: ConsoleStaffMember = {
      id: crypto.randomUUID(),
      email: input.email.toLowerCase(),
      name: input.name,
      role: input.role,
      createdAt: Date.now(),
      lockedUntil: null,
    };
    this.staffList.push(member);
    return member;
  }

  async site(): Promise<ConsoleSiteSettings> {
    await this.enter('site', [], 'owner');
    return { ...this.settings, origins: [...this.settings.origins], blocklist: [...this.settings.blocklist] };
  }

  async addOrigin(origin: string): Promise<ConsoleSiteSettings> {
    await this.enter('addOrigin', [origin], 'owner');
    if (!/^https?:\/\/[a-z0-9.-]+(:\d+)?$/.test(origin)) throw apiError(400, 'invalid_input');
    if (!this.settings.origins.includes(origin)) this.settings.origins = [...this.settings.origins, origin].sort();
    return this.site();
  }

  async removeOrigin(origin: string): Promise<ConsoleSiteSettings> {
    await this.enter('removeOrigin', [origin], 'owner');
    if (!this.settings.origins.includes(origin)) throw apiError(404, 'origin_not_found');
    this.settings.origins = this.settings.origins.filter((o) => o !== origin);
    return this.site();
  }

  async setEraseMode(mode: EraseMode): Promise<ConsoleSiteSettings> {
    await this.enter('setEraseMode', [mode], 'owner');
    this.settings.eraseMode = mode;
    return this.site();
  }

  async rotateSecret(): Promise<string> {
    await this.enter('rotateSecret', [], 'owner');
    this.settings.hasTokenSecret = true;
    return `secret-${++this.secrets}-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789`;
  }

  async exportShopper(sub: string): Promise<ShopperExport> {
    await this.enter('exportShopper', [sub], 'owner');
    const data = this.shoppers.get(sub);
    if (!data) throw apiError(404, 'shopper_not_found');
    return data;
  }

  async eraseShopper(sub: string): Promise<{ erased: true; mode: EraseMode }> {
    await this.enter('eraseShopper', [sub], 'owner');
    if (!this.shoppers.delete(sub)) throw apiError(404, 'shopper_not_found');
    return { erased: true, mode: this.settings.eraseMode };
  }

  async updateSite(change: ConsoleSiteUpdate): Promise<ConsoleSiteSettings> {
    await this.enter('updateSite', [change], 'owner');
    const t = change.reportThreshold;
    if (t !== undefined && (!Number.isInteger(t) || t < REPORT_THRESHOLD.min || t > REPORT_THRESHOLD.max)) {
      throw apiError(400, 'invalid_report_threshold');
    }
    if (change.blocklist && (change.blocklist.length > BLOCKLIST.maxWords || !change.blocklist.every(isBlocklistWord))) {
      throw apiError(400, 'invalid_blocklist');
    }
    const brand = change.brandColor;
    if (brand && !isBrandColor(brand)) throw apiError(400, 'invalid_brand_color');
    if (brand && contrastOnWhite(brand) < BRAND_COLOR_MIN_CONTRAST) throw apiError(400, 'brand_color_low_contrast');
    if (brand !== undefined) this.settings.brandColor = brand ? brand.toLowerCase() : null;
    if (change.eraseMode) this.settings.eraseMode = change.eraseMode;
    if (t !== undefined) this.settings.reportThreshold = t;
    if (change.blocklist) this.settings.blocklist = [...new Set(change.blocklist)];
    return this.site();
  }

  /** An item in the moderation queue (a held question unless told), with its first audit row. */
  addModerationItem(overrides: Partial<ConsoleModerationItem> = {}): ConsoleModerationItem {
    const id = overrides.id ?? crypto.randomUUID();
    const item: ConsoleModerationItem = {
      targetType: 'question',
      id,
      questionId: overrides.targetType === 'answer' ? crypto.randomUUID() : id,
      productId: 'nk-storm-jacket',
      body: 'Cheap casino deals here?',
      authorName: null,
      status: 'held',
      reportCount: 0,
      createdAt: Date.now() - this.moderationItems.length * 60e3,
      lastReason: 'blocklist',
      ...overrides,
    };
    this.moderationItems.push(item);
    const action = item.status === 'held' ? 'held' : item.status === 'hidden' ? 'hidden' : 'removed';
    this.moderationLogs.set(id, [{ action, actor: 'system', actorName: null, reason: item.lastReason ?? '', createdAt: item.createdAt }]);
    return item;
  }

  async moderationQueue(): Promise<ConsoleModerationItem[]> {
    await this.enter('moderationQueue', []);
    return [...this.moderationItems].sort((a, b) => b.createdAt - a.createdAt).map((i) => ({ ...i }));
  }

  async moderate(type: ModerationTargetType, id: string, action: ModerationDecision, reason?: string): Promise<ConsoleModerationResult> {
    await this.enter('moderate', [type, id, action, reason]);
    const item = this.moderationItems.find((i) => i.id === id && i.targetType === type);
    if (!item) throw apiError(404, `${type}_not_found`);
    if (reason && reason.length > MODERATION_REASON_MAX) throw apiError(400, 'moderation_reason_too_long');
    const fits = action === 'restore' ? item.status === 'removed' : item.status !== 'removed';
    if (!fits) throw apiError(409, 'moderation_conflict');
    const staff = this.signedIn!.staff;
    const done = { approve: 'approved', remove: 'removed', restore: 'restored' } as const;
    const text = reason?.trim() || { approve: 'Approved by staff.', remove: 'Removed by staff.', restore: 'Restored by staff.' }[action];
    this.moderationLogs.get(id)?.push({ action: done[action], actor: `staff:${staff.id}`, actorName: staff.name, reason: text, createdAt: Date.now() });
    if (action === 'remove') {
      item.status = 'removed';
      item.lastReason = text;
      return { status: 'removed' };
    }
    this.moderationItems = this.moderationItems.filter((i) => i !== item);
    return { status: 'published' };
  }

  async moderationLog(type: ModerationTargetType, id: string): Promise<ConsoleModerationLogEntry[]> {
    await this.enter('moderationLog', [type, id]);
    const log = this.moderationLogs.get(id);
    if (!log) throw apiError(404, `${type}_not_found`);
    return log.map((e) => ({ ...e }));
  }

  async webhooks(): Promise<ConsoleWebhook[]> {
    await this.enter('webhooks', [], 'owner');
    return this.webhookList.map(({ secret: _secret, ...w }) => ({ ...w, events: [...w.events] }));
  }

  async addWebhook(input: NewWebhookInput): Promise<ConsoleNewWebhook> {
    await this.enter('addWebhook', [input], 'owner');
    const url = normaliseWebhookUrl(input.url);
    if (url === null || !isWebhookUrl(url)) throw apiError(400, 'invalid_url');
    if (!input.events.length) throw apiError(400, 'no_events');
    if (this.webhookList.length >= MAX_WEBHOOKS_PER_SITE) throw apiError(409, 'too_many_webhooks');
    const hook = { id: crypto.randomUUID(), url, events: [...input.events], createdAt: Date.now(), secret: `whsec_test-${this.webhookList.length + 1}-AbCdEfGhIjKlMnOpQrStUvWxYz0123456` };
    this.webhookList.push(hook);
    const { secret, ...webhook } = hook;
    return { webhook, secret };
  }

  async deleteWebhook(id: string): Promise<void> {
    await this.enter('deleteWebhook', [id], 'owner');
    const before = this.webhookList.length;
    this.webhookList = this.webhookList.filter((w) => w.id !== id);
    if (this.webhookList.length === before) throw apiError(404, 'webhook_not_found');
  }

  async webhookDeliveries(): Promise<ConsoleWebhookDelivery[]> {
    await this.enter('webhookDeliveries', [], 'owner');
    return this.deliveryList.map((d) => ({ ...d, url: this.webhookList.find((w) => w.id === d.webhookId)?.url ?? null }));
  }

  /** A shopper the site holds data about. */
  addShopper(sub: string): ShopperExport {
    const data: ShopperExport = {
      exportedAt: Date.now(),
      site: this.settings.id,
      member: { sub, name: 'Anna de Vries', email: 'anna@example.com', role: 'shopper', firstSeenAt: 1, lastSeenAt: 2 },
      questions: [],
      answers: [],
      conversations: [],
      reviews: [],
    };
    this.shoppers.set(sub, data);
    return data;
  }

  // ── The staff queue ──────────────────────────────────────────────────────────────────────

  /** A queue item (a personal, new, unassigned question unless told) with an empty detail. */
  addQueueItem(overrides: Partial<QueueItem> = {}, detail: Partial<Omit<QueueItemDetail, 'item'>> = {}): QueueItem {
    const now = Date.now();
    const id = overrides.id ?? crypto.randomUUID();
    const item: QueueItem = {
      id,
      questionId: `q-${id}`,
      productId: 'nk-storm-jacket',
      body: 'Where is my invoice for order 1042?',
      reason: 'personal',
      category: 'invoice',
      complaint: false,
      priority: false,
      status: 'new',
      visibility: 'private',
      channel: 'product',
      orderRef: null,
      assignee: null,
      shopper: { name: null, sub: null },
      relatedQuestionId: null,
      slaDueAt: now + 4 * 3600e3,
      sla: 'ok',
      routedAt: now - 60e3,
      firstResponseAt: null,
      resolvedAt: null,
      askedAt: now - 60e3,
      conversationId: null,
      ...overrides,
    };
    this.queueItems.push(item);
    this.queueDetails.set(id, {
      triage: [],
      messages: [],
      events: [{ kind: 'routed', actor: 'system', detail: item.reason, createdAt: item.routedAt }],
      answers: [],
      history: [],
      orders: [],
      ...detail,
    });
    return item;
  }

  /** The SLA state as the API computes it from the due time. */
  private withSla(item: QueueItem): QueueItem {
    const left = item.slaDueAt - Date.now();
    const sla = item.status === 'resolved' ? 'ok' : left < 0 ? 'breached' : left <= NEAR_BREACH_MS ? 'near' : 'ok';
    return { ...item, sla, assignee: item.assignee ? { ...item.assignee } : null, shopper: { ...item.shopper } };
  }

  async queue(filter: QueueFilter): Promise<QueuePage> {
    await this.enter('queue', [filter]);
    const me = this.signedIn!.staff.id;
    const status = filter.status ?? 'active';
    const urgent = (i: QueueItem) => (i.sla === 'ok' ? 1 : 0);
    const items = this.queueItems
      .map((i) => this.withSla(i))
      .filter((i) => (status === 'active' ? i.status !== 'resolved' : i.status === status))
      .filter((i) => !filter.product || i.productId === filter.product)
      .filter((i) => !filter.category || i.category === filter.category)
      .filter((i) => {
        if (!filter.assignee) return true;
        if (filter.assignee === 'none') return i.assignee === null;
        return i.assignee?.id === (filter.assignee === 'me' ? me : filter.assignee);
      })
      .sort((a, b) => urgent(a) - urgent(b) || Number(b.priority) - Number(a.priority) || a.slaDueAt - b.slaDueAt);
    const counts = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, this.queueItems.filter((i) => i.status === s).length])) as QueuePage['counts'];
    return { items, counts };
  }

  private findItem(id: string): QueueItem {
    const item = this.queueItems.find((i) => i.id === id);
    if (!item) throw apiError(404, 'item_not_found');
    return item;
  }

  private logEvent(item: QueueItem, kind: QueueEvent['kind'], detail: string | null = null): void {
    this.queueDetails.get(item.id)?.events.push({ kind, actor: this.signedIn!.staff.name, detail, createdAt: Date.now() });
  }

  async queueItem(id: string): Promise<QueueItemDetail> {
    await this.enter('queueItem', [id]);
    const item = this.findItem(id);
    const d = this.queueDetails.get(id)!;
    return structuredClone({ item: this.withSla(item), ...d });
  }

  async claim(id: string, force = false): Promise<QueueItem> {
    await this.enter('claim', [id, force]);
    const item = this.findItem(id);
    const me = this.signedIn!.staff;
    if (item.assignee?.id === me.id) return this.withSla(item);
    if (item.assignee && !force) throw apiError(409, 'already_claimed');
    const from = item.assignee?.name;
    item.assignee = { id: me.id, name: me.name };
    if (item.status === 'new') item.status = 'open';
    this.logEvent(item, 'claimed', from ? `taken over from ${from}` : null);
    return this.withSla(item);
  }

  private checkText(text: string): void {
    if (!text.trim()) throw apiError(400, 'message_too_short');
    if (text.length > STAFF_MESSAGE_MAX) throw apiError(400, 'message_too_long');
  }

  private addMessage(item: QueueItem, kind: 'reply' | 'note', text: string): QueueMessageResult {
    const me = this.signedIn!.staff;
    const message = { id: crypto.randomUUID(), kind, body: text, staffId: me.id, staffName: me.name, createdAt: Date.now() };
    this.queueDetails.get(item.id)!.messages.push(message);
    return { message: { ...message }, item: this.withSla(item) };
  }

  async reply(id: string, text: string): Promise<QueueMessageResult> {
    await this.enter('reply', [id, text]);
    const item = this.findItem(id);
    this.checkText(text);
    item.status = 'waiting';
    item.firstResponseAt ??= Date.now();
    // Like the API: replying claims an unclaimed item.
    item.assignee ??= { id: this.signedIn!.staff.id, name: this.signedIn!.staff.name };
    this.logEvent(item, 'replied');
    return this.addMessage(item, 'reply', text);
  }

  async addNote(id: string, text: string): Promise<QueueMessageResult> {
    await this.enter('addNote', [id, text]);
    const item = this.findItem(id);
    this.checkText(text);
    this.logEvent(item, 'noted');
    return this.addMessage(item, 'note', text);
  }

  async resolve(id: string): Promise<QueueItem> {
    await this.enter('resolve', [id]);
    const item = this.findItem(id);
    if (item.status === 'resolved') throw apiError(409, 'already_resolved');
    item.status = 'resolved';
    item.resolvedAt = Date.now();
    this.logEvent(item, 'resolved');
    return this.withSla(item);
  }

  async reopen(id: string): Promise<QueueItem> {
    await this.enter('reopen', [id]);
    const item = this.findItem(id);
    if (item.status !== 'resolved') throw apiError(409, 'not_resolved');
    item.status = 'open';
    item.resolvedAt = null;
    this.logEvent(item, 'reopened');
    return this.withSla(item);
  }

  async publish(id: string, text: string): Promise<{ answerId: string; item: QueueItem }> {
    await this.enter('publish', [id, text]);
    const item = this.findItem(id);
    if (item.visibility === 'private') throw apiError(409, 'private_question');
    this.checkText(text);
    const answerId = crypto.randomUUID();
    const me = this.signedIn!.staff;
    this.queueDetails.get(id)!.answers.push({
      id: answerId,
      body: text,
      authorName: me.name,
      authorRole: 'staff',
      accepted: false,
      helpfulCount: 0,
      createdAt: Date.now(),
    });
    item.firstResponseAt ??= Date.now();
    this.logEvent(item, 'published', answerId);
    return { answerId, item: this.withSla(item) };
  }

  async canned(): Promise<CannedResponse[]> {
    await this.enter('canned', []);
    return this.cannedList.map((c) => ({ ...c }));
  }

  addCannedResponse(title: string, body: string): CannedResponse {
    const canned = { id: crypto.randomUUID(), title, body, createdAt: Date.now() };
    this.cannedList.push(canned);
    return canned;
  }

  async addCanned(title: string, body: string): Promise<CannedResponse> {
    await this.enter('addCanned', [title, body]);
    if (!title.trim() || title.length > CANNED_TITLE_MAX) throw apiError(400, 'title_invalid');
    if (!body.trim() || body.length > STAFF_MESSAGE_MAX) throw apiError(400, 'body_invalid');
    if (this.cannedList.length >= MAX_CANNED_PER_SITE) throw apiError(409, 'too_many_canned');
    return { ...this.addCannedResponse(title, body) };
  }

  async deleteCanned(id: string): Promise<void> {
    await this.enter('deleteCanned', [id]);
    const before = this.cannedList.length;
    this.cannedList = this.cannedList.filter((c) => c.id !== id);
    if (this.cannedList.length === before) throw apiError(404, 'canned_not_found');
  }

  private async enterOwner(method: Method, args: unknown[]): Promise<void> {
    await this.enter(method, args);
    // The Worker's ownerOnly middleware answers `forbidden` (the contract text says `owner_only`).
    if (this.signedIn?.staff.role !== 'owner') throw apiError(403, 'forbidden');
  }

  async routing(): Promise<RoutingSettings> {
    await this.enterOwner('routing', []);
    return structuredClone(this.routingSettings);
  }

  async saveRouting(settings: RoutingSettings): Promise<RoutingSettings> {
    await this.enterOwner('saveRouting', [settings]);
    const problem = routingProblem(settings);
    if (problem) throw apiError(400, problem);
    this.routingSettings = structuredClone(settings);
    return structuredClone(settings);
  }

  queueLive(handlers: QueueLiveHandlers): QueueLiveConnection {
    this.calls.push({ method: 'queueLive', args: [] });
    this.liveHandlers.add(handlers);
    handlers.onState?.('live');
    return { close: () => void this.liveHandlers.delete(handlers) };
  }

  /** Pushes a queue event to every open live connection, as the server's socket would. */
  emitLive(itemId: string, change: QueueLiveEvent['change'] = 'routed'): void {
    for (const h of this.liveHandlers) h.onEvent({ type: 'queue', itemId, change });
  }

  /** What the transport does while its socket is down: report the state, and poll. */
  liveState(state: QueueLiveState): void {
    for (const h of this.liveHandlers) h.onState?.(state);
  }

  /** One poll (or a reconnect's resync) of every open live connection. */
  livePoll(): void {
    for (const h of this.liveHandlers) h.onResync();
  }
}
