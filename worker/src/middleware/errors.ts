import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../api-types.ts';

/** An error a client can act on: an HTTP status, a stable code and a human message. */
export class ApiError extends HTTPException {
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: ContentfulStatusCode, code: string, message: string, headers: Record<string, string> = {}) {
    super(status, { message });
    this.code = code;
    this.headers = headers;
  }
}


/** The one place that turns anything thrown into `{ error: { code, message } }`; stacks stay in the logs. */
export const onError: ErrorHandler = (err, c) => {
  if (err instanceof ApiError) {
    return c.json<ErrorBody>({ error: { code: err.code, message: err.message } }, err.status, err.headers);
  }
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 400 ? 'bad_request' : status === 401 ? 'unauthorized' : 'http_error';
    return c.json<ErrorBody>({ error: { code, message: err.message || 'Request failed.' } }, status);
  }
  console.error('unhandled error', err);
  return c.json<ErrorBody>({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, 500);
};

export const onNotFound: NotFoundHandler = (c) =>
  c.json<ErrorBody>({ error: { code: 'not_found', message: 'No such endpoint.' } }, 404);
