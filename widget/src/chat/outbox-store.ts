/**
 * The chat outbox in the shop's IndexedDB (database `samen:<site>:chat`), so a message typed just
 * before the tab closed or the network went away is still sent on the next visit. Written only
 * once the shopper has sent something (that is the interaction); blocked storage means the
 * outbox lives in memory only, and every call here copes quietly.
 */
export interface StoredPending {
  clientId: string;
  conversationId: string;
  text: string;
  /** An uploaded file the message shares. */
  attachmentId?: string;
  at: number;
}

let db: Promise<IDBDatabase> | undefined;

function store(siteId: string, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  db ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(`samen:${siteId}:chat`, 1);
    req.onupgradeneeded = () => req.result.createObjectStore('outbox', { keyPath: 'clientId' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return db.then((d) => d.transaction('outbox', mode).objectStore('outbox'));
}

const done = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** Keeps a message until the room acknowledges it. */
export const keepPending = (siteId: string, p: StoredPending): Promise<unknown> =>
  store(siteId, 'readwrite').then((s) => done(s.put(p))).catch(() => null);

/** Forgets an acknowledged message. */
export const dropPending = (siteId: string, clientId: string): Promise<unknown> =>
  store(siteId, 'readwrite').then((s) => done(s.delete(clientId))).catch(() => null);

/** A conversation's unsent messages, oldest first. */
export const pendingOf = async (siteId: string, conversationId: string): Promise<StoredPending[]> => {
  try {
    const all = await done((await store(siteId, 'readonly')).getAll() as IDBRequest<StoredPending[]>);
    return all.filter((p) => p.conversationId === conversationId).sort((a, b) => a.at - b.at);
  } catch {
    return [];
  }
};
