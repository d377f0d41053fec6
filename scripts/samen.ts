/**
 * The site-owner CLI: register sites, their origins, signing secrets and console accounts.
 *
 *   npm run samen -- site create <id> --name <name> [--language en|nl|fr] [--origin <origin>]…
 *   npm run samen -- site list
 *   npm run samen -- site rotate-secret <id>
 *   npm run samen -- site add-origin <id> <origin>
 *   npm run samen -- site add-staff <id> --email <email> --name <name> --role owner|agent --password <password|->
 *   npm run samen -- webhook add <id> --url <url> --event <event> [--event <event>]…
 *   npm run samen -- webhook list <id>
 *   npm run samen -- webhook delete <id> <webhook-id>
 *   npm run samen -- reviews import --site <id> <file.csv> [--dry-run]   (and reviews settings / product-type: samen-reviews.ts)
 *
 * Works on the local D1 database of `npm start` (`.wrangler/`, or `--persist-to DIR`), or with
 * `--remote` on the Cloudflare D1 database named in wrangler.toml.
 *
 * SECURITY: `wrangler d1 execute` cannot bind parameters, so every statement below is SQL text.
 * That is only safe because every value is checked against a strict pattern before it gets
 * near SQL (ids, origins, emails, roles, languages, webhook URLs and events), and every string is still written as a
 * literal with its single quotes doubled (`lit()`). Free text (names, password hashes) can
 * only be a quoted literal. Do not add a value to SQL here without both.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../worker/src/domain/passwords.ts';
import { newSigningSecret } from '../worker/src/domain/shop-tokens.ts';
import {
  isExactOrigin,
  isStaffEmail,
  isStaffName,
  SITE_ID,
  STAFF_PASSWORD_MAX,
  STAFF_ROLES,
  type StaffRole,
} from '../worker/src/domain/sessions.ts';
import {
  CONSOLE_WEBHOOK_EVENTS,
  MAX_WEBHOOKS_PER_SITE,
  isWebhookUrl,
  normaliseWebhookUrl,
  type ConsoleWebhookEvent,
} from '../worker/src/routes/console-types.ts';
import { persistArgs, root, wranglerEnv } from './wrangler.ts';
import { REVIEWS_USAGE, reviewsCommand } from './samen-reviews.ts';

const wranglerBin = fileURLToPath(new URL('../node_modules/wrangler/bin/wrangler.js', import.meta.url));

const USAGE = `Samen site-owner CLI

Usage: npm run samen -- <command> [options]

Commands:
  site create <id> --name <name> [--language en|nl|fr] [--origin <origin>]…
                      Register a site (id: lowercase letters, digits and -, up to 63).
  site list           List sites with their origins and number of console accounts.
  site rotate-secret <id>
                      Create or replace the site's token signing secret and print it (once).
  site add-origin <id> <origin>
                      Allow the widget on an origin, exactly scheme://host[:port].
  site add-staff <id> --email <email> --name <name> --role owner|agent --password <password>
                      Add a console account. Use --password - to read it from standard input
                      (keeps it out of the shell history and the process list).
  webhook add <id> --url <url> --event <event> [--event <event>]…
                      Send events to a URL (https://, or http://localhost / http://127.0.0.1 for
                      testing) and print its signing secret (once). At most ${MAX_WEBHOOKS_PER_SITE} per site.
                      Events: ${CONSOLE_WEBHOOK_EVENTS.join(', ')}.
  webhook list <id>   List the site's webhooks with their events (never their secrets).
  webhook delete <id> <webhook-id>
                      Stop sending events to a webhook.
${REVIEWS_USAGE}

Options:
  --remote            Use the Cloudflare D1 database (default: the local one of npm start).
  --persist-to <dir>  Local database folder (as given to npm start --persist-to).
  -h, --help          Show this help.
`;

/** A mistake the user can fix: printed without a stack, exit code 1. */
class UsageError extends Error {}

const LANGUAGES = ['en', 'nl', 'fr'] as const;
type Language = (typeof LANGUAGES)[number];

/** An SQL string literal: single quotes doubled. Only ever applied to values already validated. */
const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;

function siteId(value: string | undefined): string {
  if (!value) throw new UsageError('Give the site id, e.g. "my-shop".');
  if (!SITE_ID.test(value)) {
    throw new UsageError(`Not a valid site id: "${value}". Use 1–63 lowercase letters, digits and "-", starting with a letter or digit.`);
  }
  return value;
}

function origin(value: string | undefined): string {
  if (!value) throw new UsageError('Give the origin, e.g. https://shop.example.');
  if (!isExactOrigin(value)) {
    throw new UsageError(
      `Not an exact origin: "${value}". Write it as the browser sends it: scheme://host[:port], lowercase, without a path, a trailing slash or dot, or a default port (https://shop.example, http://localhost:8787).`,
    );
  }
  return value;
}

function displayName(value: string | undefined, what: string): string {
  const name = value?.trim() ?? '';
  if (!isStaffName(name)) throw new UsageError(`Give ${what} with --name: 1–80 characters, no control characters.`);
  return name;
}

function language(value: string | undefined): Language {
  const found = LANGUAGES.find((l) => l === (value ?? 'en'));
  if (!found) throw new UsageError(`Not a supported language: "${value}". Use one of: ${LANGUAGES.join(', ')}.`);
  return found;
}

function email(value: string | undefined): string {
  const e = value?.trim().toLowerCase() ?? '';
  if (!isStaffEmail(e)) {
    throw new UsageError(`Not a usable email address: "${value ?? ''}". Letters, digits and . _ % + - before the @, a domain after it.`);
  }
  return e;
}

function role(value: string | undefined): StaffRole {
  const found = STAFF_ROLES.find((r) => r === value);
  if (!found) throw new UsageError(`Give the role with --role: ${STAFF_ROLES.join(' or ')}.`);
  return found;
}

async function password(value: string | undefined): Promise<string> {
  let p = value;
  if (p === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    p = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  if (!p) throw new UsageError('Give the password with --password (or --password - to read it from standard input).');
  if (p.length < MIN_PASSWORD_LENGTH) throw new UsageError(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (p.length > STAFF_PASSWORD_MAX) throw new UsageError(`The password can have at most ${STAFF_PASSWORD_MAX} characters.`);
  return p;
}

function webhookUrl(value: string | undefined): string {
  if (!value) throw new UsageError('Give the webhook URL with --url, e.g. --url https://hooks.my-shop.example/samen.');
  const href = normaliseWebhookUrl(value);
  if (href === null || !isWebhookUrl(href)) {
    throw new UsageError(
      `Not a usable webhook URL: "${value}". Use https://… (or http://localhost… / http://127.0.0.1… for testing), without a user name or password, quotes or spaces, up to 500 characters.`,
    );
  }
  return href;
}

function webhookEvents(values: string[] | undefined): ConsoleWebhookEvent[] {
  const list = CONSOLE_WEBHOOK_EVENTS.join(', ');
  if (!values?.length) throw new UsageError(`Give at least one --event: ${list}.`);
  for (const v of values) {
    if (!CONSOLE_WEBHOOK_EVENTS.some((e) => e === v)) throw new UsageError(`Unknown event "${v}". Use one or more of: ${list}.`);
  }
  // Known events, each once, in the documented order (as the console stores them).
  return CONSOLE_WEBHOOK_EVENTS.filter((e) => values.includes(e));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function webhookId(value: string | undefined): string {
  if (!value) throw new UsageError('Give the webhook id, as shown by: npm run samen -- webhook list <site>');
  if (!UUID.test(value)) throw new UsageError(`Not a webhook id: "${value}". Ids look like 3f2a…-…; see: npm run samen -- webhook list <site>`);
  return value;
}

interface Target {
  remote: boolean;
  persistTo: string | undefined;
}

interface D1Result {
  results?: Record<string, unknown>[];
  success?: boolean;
}

/** Runs SQL with `wrangler d1 execute DB --json`; returns each statement's rows. */
function execute(target: Target, sql: string): Promise<Record<string, unknown>[][]> {
  const args = [
    wranglerBin,
    'd1',
    'execute',
    'DB',
    target.remote ? '--remote' : '--local',
    ...persistArgs(target.persistTo),
    '--json',
    '--command',
    sql,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: wranglerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(out);
      } catch {
        parsed = null;
      }
      if (code === 0 && Array.isArray(parsed)) {
        resolve((parsed as D1Result[]).map((r) => r.results ?? []));
        return;
      }
      const text =
        parsed && typeof parsed === 'object' && 'error' in parsed
          ? String((parsed as { error: { text?: string } }).error?.text ?? '')
          : `${out}\n${err}`.trim();
      reject(new DatabaseError(text || `wrangler exited with ${code}`));
    });
  });
}

class DatabaseError extends Error {}

/** Turns the database's words for a refused write into the CLI's. */
function explain(err: unknown, messages: Record<string, string>): never {
  if (err instanceof DatabaseError) {
    for (const [needle, message] of Object.entries(messages)) {
      if (err.message.includes(needle)) throw new UsageError(message);
    }
  }
  throw err;
}

async function requireSite(target: Target, id: string): Promise<{ id: string; name: string }> {
  const [rows = []] = await execute(target, `SELECT id, name FROM sites WHERE id = ${lit(id)}`);
  const row = rows[0];
  if (!row) throw new UsageError(`There is no site "${id}". See: npm run samen -- site list`);
  return { id: String(row.id), name: String(row.name) };
}

async function createSite(target: Target, id: string, values: Options): Promise<void> {
  const name = displayName(values.name, 'the site name');
  const lang = language(values.language);
  const origins = [...new Set((values.origin ?? []).map(origin))];
  const now = Date.now();
  // One command, one transaction: the site and its origins appear together or not at all.
  const sql = [
    `INSERT INTO sites (id, name, default_language, created_at) VALUES (${lit(id)}, ${lit(name)}, ${lit(lang)}, ${now})`,
    ...origins.map((o) => `INSERT INTO site_origins (site_id, origin) VALUES (${lit(id)}, ${lit(o)})`),
  ].join(';\n');
  await execute(target, sql).catch((err: unknown) =>
    explain(err, { 'UNIQUE constraint failed: sites.id': `A site "${id}" already exists.` }),
  );
  console.log(`Created site "${id}" (${name}), default language ${lang}.`);
  console.log(origins.length ? `Allowed origins: ${origins.join(', ')}` : 'No origins yet: add one with site add-origin.');
  console.log(`Next: npm run samen -- site add-staff ${id} --email … --name … --role owner --password -`);
  console.log(`Shopper tokens need a signing secret: npm run samen -- site rotate-secret ${id}`);
}

async function listSites(target: Target): Promise<void> {
  const [rows = []] = await execute(
    target,
    `SELECT s.id, s.name, s.default_language, s.erase_mode, s.token_secret IS NOT NULL AS has_secret,
            (SELECT group_concat(o.origin, ' ') FROM site_origins o WHERE o.site_id = s.id) AS origins,
            (SELECT count(*) FROM staff st WHERE st.site_id = s.id) AS staff
       FROM sites s ORDER BY s.id`,
  );
  if (!rows.length) {
    console.log('No sites yet. Create one with: npm run samen -- site create <id> --name <name>');
    return;
  }
  for (const r of rows) {
    console.log(`${String(r.id)}  ${String(r.name)}`);
    console.log(`  language ${String(r.default_language)}, erase mode ${String(r.erase_mode)}, signing secret ${r.has_secret ? 'set' : 'not set'}, ${Number(r.staff)} console account(s)`);
    console.log(`  origins: ${r.origins ? String(r.origins) : '(none)'}`);
  }
}

async function rotateSecret(target: Target, id: string): Promise<void> {
  await requireSite(target, id);
  const secret = newSigningSecret();
  await execute(target, `UPDATE sites SET token_secret = ${lit(secret)} WHERE id = ${lit(id)}`);
  console.log(`New signing secret for "${id}" (shown once; tokens signed with the old one stop working now):`);
  console.log(secret);
}

async function addOrigin(target: Target, id: string, value: string | undefined): Promise<void> {
  const o = origin(value);
  await requireSite(target, id);
  await execute(target, `INSERT INTO site_origins (site_id, origin) VALUES (${lit(id)}, ${lit(o)}) ON CONFLICT DO NOTHING`);
  console.log(`"${id}" now allows ${o}.`);
}

async function addStaff(target: Target, id: string, values: Options): Promise<void> {
  const e = email(values.email);
  const name = displayName(values.name, "the person's name");
  const r = role(values.role);
  const p = await password(values.password);
  await requireSite(target, id);
  const hash = await hashPassword(p);
  await execute(
    target,
    `INSERT INTO staff (site_id, id, email, name, role, password_hash, created_at)
       VALUES (${lit(id)}, ${lit(crypto.randomUUID())}, ${lit(e)}, ${lit(name)}, ${lit(r)}, ${lit(hash)}, ${Date.now()})`,
  ).catch((err: unknown) =>
    explain(err, { 'UNIQUE constraint failed: staff.email': `${e} already has a Samen console account (emails are unique over all sites).` }),
  );
  console.log(`Added ${name} <${e}> as ${r} of "${id}". They sign in at /console.`);
}

async function addWebhook(target: Target, id: string, values: Options): Promise<void> {
  const url = webhookUrl(values.url);
  const events = webhookEvents(values.event);
  await requireSite(target, id);
  const hookId = crypto.randomUUID();
  const secret = `whsec_${newSigningSecret()}`;
  // The limit is checked by the INSERT itself, so two additions at once cannot both pass it.
  const [, added = []] = await execute(
    target,
    `INSERT INTO webhooks (site_id, id, url, events, secret, created_at)
       SELECT ${lit(id)}, ${lit(hookId)}, ${lit(url)}, ${lit(JSON.stringify(events))}, ${lit(secret)}, ${Date.now()}
        WHERE (SELECT count(*) FROM webhooks WHERE site_id = ${lit(id)}) < ${MAX_WEBHOOKS_PER_SITE};
     SELECT id FROM webhooks WHERE site_id = ${lit(id)} AND id = ${lit(hookId)}`,
  );
  if (!added.length) throw new UsageError(`"${id}" already has ${MAX_WEBHOOKS_PER_SITE} webhooks, the most a site can have. Delete one first.`);
  console.log(`"${id}" now sends ${events.join(', ')} to ${url} (webhook ${hookId}).`);
  console.log('Signing secret (shown once; verify the Samen-Signature header with it):');
  console.log(secret);
}

async function listWebhooks(target: Target, id: string): Promise<void> {
  await requireSite(target, id);
  const [rows = []] = await execute(
    target,
    `SELECT w.id, w.url, w.events, w.created_at,
            (SELECT count(*) FROM webhook_deliveries d WHERE d.site_id = w.site_id AND d.webhook_id = w.id AND d.status = 'failed') AS failed
       FROM webhooks w WHERE w.site_id = ${lit(id)} ORDER BY w.created_at`,
  );
  if (!rows.length) {
    console.log(`"${id}" has no webhooks. Add one with: npm run samen -- webhook add ${id} --url https://… --event question.created`);
    return;
  }
  for (const r of rows) {
    let events: unknown;
    try {
      events = JSON.parse(String(r.events));
    } catch {
      events = [];
    }
    console.log(`${String(r.id)}  ${String(r.url)}`);
    console.log(
      `  events: ${Array.isArray(events) ? events.join(', ') : ''}; added ${new Date(Number(r.created_at)).toISOString()}; ${Number(r.failed)} failed deliveries`,
    );
  }
}

async function deleteWebhook(target: Target, id: string, hookId: string): Promise<void> {
  await requireSite(target, id);
  const [found = []] = await execute(target, `SELECT url FROM webhooks WHERE site_id = ${lit(id)} AND id = ${lit(hookId)}`);
  const row = found[0];
  if (!row) throw new UsageError(`"${id}" has no webhook ${hookId}. See: npm run samen -- webhook list ${id}`);
  await execute(target, `DELETE FROM webhooks WHERE site_id = ${lit(id)} AND id = ${lit(hookId)}`);
  console.log(`Deleted webhook ${hookId} (${String(row.url)}) of "${id}": it gets no more events.`);
}

const options = {
  name: { type: 'string' },
  language: { type: 'string' },
  origin: { type: 'string', multiple: true },
  email: { type: 'string' },
  role: { type: 'string' },
  password: { type: 'string' },
  url: { type: 'string' },
  event: { type: 'string', multiple: true },
  site: { type: 'string' },
  'dry-run': { type: 'boolean' },
  anonymous: { type: 'string' },
  fields: { type: 'string', multiple: true },
  remote: { type: 'boolean' },
  'persist-to': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Options = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

export async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [group, command, ...rest] = positionals;
  if (values.help || !group) {
    console.log(USAGE);
    return;
  }
  if (values.remote && values['persist-to']) throw new UsageError('--persist-to is for the local database; leave it out with --remote.');
  const target: Target = { remote: values.remote ?? false, persistTo: values['persist-to'] };
  if (group === 'reviews') {
    const ctx = { target, execute, requireSite, usageError: (m: string) => new UsageError(m) };
    return reviewsCommand(ctx, command, rest, values);
  }
  if (group !== 'site' && group !== 'webhook') throw new UsageError(`Unknown command "${group}".\n\n${USAGE}`);

  const expectArgs = (n: number) => {
    if (rest.length > n) throw new UsageError(`Unexpected argument "${rest[n]}".\n\n${USAGE}`);
  };
  if (group === 'webhook') {
    switch (command) {
      case 'add':
        expectArgs(1);
        return addWebhook(target, siteId(rest[0]), values);
      case 'list':
        expectArgs(1);
        return listWebhooks(target, siteId(rest[0]));
      case 'delete':
        expectArgs(2);
        return deleteWebhook(target, siteId(rest[0]), webhookId(rest[1]));
      default:
        throw new UsageError(`Unknown command "webhook ${command ?? ''}".\n\n${USAGE}`);
    }
  }
  switch (command) {
    case 'create':
      expectArgs(1);
      return createSite(target, siteId(rest[0]), values);
    case 'list':
      expectArgs(0);
      return listSites(target);
    case 'rotate-secret':
      expectArgs(1);
      return rotateSecret(target, siteId(rest[0]));
    case 'add-origin':
      expectArgs(2);
      return addOrigin(target, siteId(rest[0]), rest[1]);
    case 'add-staff':
      expectArgs(1);
      return addStaff(target, siteId(rest[0]), values);
    default:
      throw new UsageError(`Unknown command "site ${command ?? ''}".\n\n${USAGE}`);
  }
}

if (import.meta.main) {
  try {
    await main(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError || err instanceof DatabaseError) {
      console.error(`samen: ${err.message}`);
    } else {
      console.error('samen: unexpected error', err);
    }
    process.exitCode = 1;
  }
}
