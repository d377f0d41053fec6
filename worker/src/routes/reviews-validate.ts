import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { ApiError } from '../middleware/errors.ts';
import { inputErrorMessages } from '../domain/input-errors.ts';
import { reviewInputErrors } from '../domain/reviews-errors.ts';

const messageOf = (code: string): string | null =>
  Object.hasOwn(reviewInputErrors, code)
    ? reviewInputErrors[code as keyof typeof reviewInputErrors]
    : Object.hasOwn(inputErrorMessages, code)
      ? inputErrorMessages[code as keyof typeof inputErrorMessages]
      : null;

/**
 * zod validation answering 400 `{ error: { code, message } }` with the reviews' own input error
 * codes as well as the shared ones; anything unexpected becomes `invalid_input`.
 */
export const validateReviews = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (result.success) return;
    const issue = result.error.issues[0];
    const message = issue ? messageOf(issue.message) : null;
    if (issue && message) throw new ApiError(400, issue.message, message);
    throw new ApiError(400, 'invalid_input', `Invalid value for “${issue?.path.join('.') || target}”.`);
  });

