import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../worker/src/api-types.ts';

const get = (path: string) => exports.default.fetch(`https://samen.test${path}`);

describe('GET /api/v1/health', () => {
  it('answers 200 {ok:true} as JSON, with no site and no database rows needed', async () => {
    const res = await get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('unknown endpoints', () => {
  it.each(['/api/v1/nope', '/api/v2/health', '/api/v1/sites'])('%s answers 404 in the error shape', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    const body = await res.json<ErrorBody>();
    expect(body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });
});
