import { Hono } from 'hono';
import { z } from 'zod';
import { validate } from '../middleware/validate.ts';
import { ApiError } from '../middleware/errors.ts';
import { ownerOnly, staffSession, type ConsoleEnv } from '../middleware/staff-session.ts';
import { MIN_PASSWORD_LENGTH, hashPassword } from '../domain/passwords.ts';
import { STAFF_PASSWORD_MAX, STAFF_ROLES, isStaffEmail, isStaffName } from '../domain/sessions.ts';
import { insertStaff, listStaff, type StaffMember } from '../db/staff.ts';
import type { ConsoleStaffMember } from './console-types.ts';

const newStaff = z.object({
  email: z.string('invalid_email').trim().toLowerCase().refine(isStaffEmail, 'invalid_email'),
  name: z.string('invalid_name').trim().refine(isStaffName, 'invalid_name'),
  role: z.enum(STAFF_ROLES, 'invalid_role'),
  password: z
    .string('password_too_short')
    .min(MIN_PASSWORD_LENGTH, 'password_too_short')
    .max(STAFF_PASSWORD_MAX, 'password_too_long'),
});

/** Explicit fields only: the password hash and failure count never leave the database module's row. */
const shown = (s: StaffMember, now: number): ConsoleStaffMember => ({
  id: s.id,
  email: s.email,
  name: s.name,
  role: s.role,
  createdAt: s.createdAt,
  lockedUntil: s.lockedUntil > now ? s.lockedUntil : null,
});

/** The site's console accounts (owners only): `/api/v1/console/staff`. */
export const consoleStaffRoutes = new Hono<ConsoleEnv>()
  .get('/staff', staffSession, ownerOnly, async (c) => {
    const now = Date.now();
    const staff = await listStaff(c.env.DB, c.get('staff').siteId);
    return c.json({ staff: staff.map((s) => shown(s, now)) }, 200);
  })
  .post('/staff', staffSession, ownerOnly, validate('json', newStaff), async (c) => {
    const input = c.req.valid('json');
    const now = Date.now();
    const created = await insertStaff(c.env.DB, c.get('staff').siteId, {
      id: crypto.randomUUID(),
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      createdAt: now,
    });
    // Emails are unique over all sites (sign-in needs no site picker), so this may be another shop's account.
    if (!created) throw new ApiError(409, 'email_taken', 'This email address already has a Samen console account.');
    return c.json({ staff: shown(created, now) }, 201);
  });
