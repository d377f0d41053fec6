/** Opaque page cursors: `<createdAt>.<id>` of the last item shown. */
export interface Cursor {
  createdAt: number;
  id: string;
}

export const encodeCursor = (c: Cursor): string => `${c.createdAt}.${c.id}`;

export function decodeCursor(raw: string): Cursor | null {
  const match = /^(\d{1,15})\.([0-9a-f-]{36})$/.exec(raw);
  if (!match?.[1] || !match[2]) return null;
  return { createdAt: Number(match[1]), id: match[2] };
}
