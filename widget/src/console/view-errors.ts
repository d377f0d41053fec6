import { emitInternal } from '../internal/events.ts';
import { ConsoleApiError, isSignedOut } from './api.ts';

/**
 * A failed call in the words of the view's own catalogue: the API's error code where the catalogue
 * has a text for it, else its generic text. A 401 also tells the console the session is gone, so it
 * can show the sign-in form (the element fires `session-ended`).
 */
export function failureText(host: HTMLElement, errors: Readonly<Record<string, string>> & { generic: string }, err: unknown): string {
  if (isSignedOut(err)) emitInternal(host, 'session-ended');
  const code = err instanceof ConsoleApiError ? err.code : 'generic';
  return Object.hasOwn(errors, code) ? errors[code]! : errors.generic;
}
