/**
 * Requests to the public API as the widget on a shop's page sends them, and the check of the API's
 * one error shape: shared by the route tests of every feature.
 */
import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import type { SiteRow } from '../../fixtures/rows.ts';

/** The shop's page the widget runs on: allowed on every test site built with it. */
export const ORIGIN = 'https://shop.example';

export const aVisitor = (): string => `v_${crypto.randomUUID().replaceAll('-', '')}`;

export interface WidgetCall {
  method?: string;
  visitor?: string;
  token?: string;
  body?: unknown;
  /** The caller's IP; by default each request has its own, so rate limits never carry over. */
  ip?: string;
  /** The page's origin: {@link ORIGIN} unless given; null sends none. */
  origin?: string | null;
}

/** A request to `/api/v1/sites/<site><path>` as the widget sends it. */
export function widgetCall(site: Pick<SiteRow, 'id'>, path: string, init: WidgetCall = {}): Promise<Response> {
  const headers: Record<string, string> = { 'CF-Connecting-IP': init.ip ?? crypto.randomUUID() };
  if (init.origin !== null) headers.Origin = init.origin ?? ORIGIN;
  if (init.visitor) headers['X-Samen-Visitor'] = init.visitor;
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return exports.default.fetch(`https://samen.test/api/v1/sites/${site.id}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Expects an error answer with this status and code, in the API's one error shape. */
export async function expectError(res: Response | Promise<Response>, status: number, code: string): Promise<void> {
  const r = await res;
  const text = await r.clone().text();
  expect(r.status, text).toBe(status);
  expect(JSON.parse(text)).toEqual({ error: { code, message: expect.any(String) } });
}
