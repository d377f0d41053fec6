import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { ApiError } from './errors.ts';
import { inputErrorMessages, type InputErrorCode } from '../domain/input-errors.ts';

const isInputErrorCode = (s: string): s is InputErrorCode => Object.hasOwn(inputErrorMessages, s);

/**
 * zod validation that answers 400 `{ error: { code, message } }`. Schemas put an
 * input error code in each check's message; anything unexpected becomes `invalid_input`.
 */
export const validate = <T extends ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (result.success) return;
    const issue = result.error.issues[0];
    const code = issue && isInputErrorCode(issue.message) ? issue.message : 'invalid_input';
    const message =
      code === 'invalid_input' && issue
        ? `Invalid value for “${issue.path.join('.') || target}”.`
        : inputErrorMessages[code];
    throw new ApiError(400, code, message);
  });
