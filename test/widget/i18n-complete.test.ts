/**
 * English, Dutch and French are complete, and no message is dead weight (issue 10):
 * - every string catalog is found on its own (the core `widget/src/i18n/{en,nl,fr}.ts`, each lazy
 *   group `widget/src/i18n/<group>/{en,nl,fr}.ts`, the console's `widget/src/console/i18n/{en,nl,fr}.ts`
 *   and each console module exporting `{ en, nl, fr }`), so a new group is covered without being listed;
 * - nl and fr have exactly the keys of en, deeply, with the same kind of value, functions taking as
 *   many arguments, and no empty text;
 * - every en message is used by the widget or console sources (read as text, as served: comments
 *   stripped). A map the code indexes by a runtime value (`t.errors[code]`) counts as used whole.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

const LANGS = ['en', 'nl', 'fr'] as const;
type Lang = (typeof LANGS)[number];
interface Catalog {
  name: string;
  locales: Record<Lang, unknown>;
}

const listFiles = (dir: string) => executeServerCommand<string[], { dir: string }>('samen-list-files', { dir });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasAllLanguages = (v: unknown): v is Record<Lang, unknown> =>
  isObject(v) && LANGS.every((l) => isObject(v[l])) && Object.keys(v).length === LANGS.length;

const CATALOG_DIRS = ['widget/src/i18n', 'widget/src/console/i18n'];

/** Every catalog in the i18n folders, and the files that are nothing but a catalog. */
async function findCatalogs(): Promise<{ catalogs: Catalog[]; problems: string[]; catalogFiles: Set<string> }> {
  const files = (await Promise.all(CATALOG_DIRS.map(listFiles))).flat().filter((f) => f.endsWith('.ts'));
  const catalogs: Catalog[] = [];
  const problems: string[] = [];
  const catalogFiles = new Set<string>();
  const folders = [...new Set(files.map((f) => f.slice(0, f.lastIndexOf('/'))))];
  for (const folder of folders) {
    const perLanguage = LANGS.map((l) => `${folder}/${l}.ts`);
    const present = perLanguage.filter((f) => files.includes(f));
    if (present.length === 0) continue;
    if (present.length < LANGS.length) {
      problems.push(`${folder}: has ${present.join(', ')} but not ${perLanguage.filter((f) => !present.includes(f)).join(', ')}`);
      continue;
    }
    const locales = {} as Record<Lang, unknown>;
    for (const l of LANGS) {
      const mod = (await import(`/${folder}/${l}.ts`)) as Record<string, unknown>;
      if (!isObject(mod[l])) problems.push(`${folder}/${l}.ts: exports no object named "${l}"`);
      locales[l] = mod[l];
      catalogFiles.add(`${folder}/${l}.ts`);
    }
    catalogs.push({ name: folder, locales });
  }
  // Modules holding a view's strings in all three languages, e.g. `consoleReviewStrings = { en, nl, fr }`.
  for (const file of files) {
    if (catalogFiles.has(file) || file.endsWith('/index.ts')) continue;
    const mod = (await import(`/${file}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (hasAllLanguages(value)) catalogs.push({ name: `${file} ${name}`, locales: value });
  }
  return { catalogs, problems, catalogFiles };
}

/** How `other` differs from `en` in shape: missing, extra and mismatched keys, empty texts. */
function shapeProblems(en: unknown, other: unknown, path: string, out: string[]): void {
  if (typeof en === 'function') {
    if (typeof other !== 'function') out.push(`${path}: a function in en, a ${typeof other} here`);
    else if (other.length !== en.length) out.push(`${path}: takes ${other.length} argument(s), en takes ${en.length}`);
    return;
  }
  if (typeof en === 'string') {
    if (typeof other !== 'string') out.push(`${path}: a string in en, a ${typeof other} here`);
    else if (!other.trim() && en.trim()) out.push(`${path}: empty`);
    return;
  }
  if (Array.isArray(en)) {
    if (!Array.isArray(other) || other.length !== en.length) out.push(`${path}: a list of ${en.length} in en`);
    else en.forEach((v, i) => shapeProblems(v, other[i], `${path}[${i}]`, out));
    return;
  }
  if (isObject(en)) {
    if (!isObject(other)) {
      out.push(`${path}: an object in en, a ${typeof other} here`);
      return;
    }
    for (const key of Object.keys(en)) {
      if (!Object.hasOwn(other, key)) out.push(`${path}.${key}: missing`);
      else shapeProblems(en[key], other[key], `${path}.${key}`, out);
    }
    for (const key of Object.keys(other)) if (!Object.hasOwn(en, key)) out.push(`${path}.${key}: not in en (unused?)`);
    return;
  }
  if (typeof other !== typeof en) out.push(`${path}: a ${typeof en} in en, a ${typeof other} here`);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether the sources read `key` (as `.key`, `?.key` or a quoted 'key'). */
const readsKey = (sources: string, key: string): boolean =>
  new RegExp(`\\.${escape(key)}\\b|['"\`]${escape(key)}['"\`]`).test(sources);

/** Whether the sources use the map `key` as a whole value (`t.errors[code]`, `{ ...t.errors }`, `f(t.roles)`). */
const usesWhole = (sources: string, key: string): boolean =>
  new RegExp(`\\.${escape(key)}\\b(?!\\s*\\??\\.[A-Za-z_$])`).test(sources);

/** The en keys (paths) nothing in `sources` reads. */
function unusedKeys(en: Record<string, unknown>, sources: string, path: string, out: string[]): void {
  for (const [key, value] of Object.entries(en)) {
    const here = `${path}.${key}`;
    if (!readsKey(sources, key)) out.push(here);
    else if (isObject(value) && !usesWhole(sources, key)) unusedKeys(value, sources, here, out);
  }
}

describe('i18n completeness', () => {
  let found: Awaited<ReturnType<typeof findCatalogs>>;
  before(async () => {
    found = await findCatalogs();
  });

  it('finds every catalog group, the known ones included', () => {
    const names = found.catalogs.map((c) => c.name);
    for (const known of [
      'widget/src/i18n',
      'widget/src/i18n/chat',
      'widget/src/i18n/community',
      'widget/src/i18n/reviews',
      'widget/src/i18n/routing',
      'widget/src/console/i18n',
      'widget/src/console/i18n/reviews.ts consoleReviewStrings',
      'widget/src/console/i18n/chat.ts consoleChatStrings',
    ]) {
      expect(names, `catalogs found: ${names.join(', ')}`).to.include(known);
    }
    expect(found.problems, 'catalog files').to.deep.equal([]);
  });

  it('nl and fr have exactly the keys of en, with the same kinds of values and argument counts', () => {
    const problems: string[] = [];
    for (const { name, locales } of found.catalogs) {
      for (const l of ['nl', 'fr'] as const) shapeProblems(locales.en, locales[l], `${name} [${l}]`, problems);
    }
    expect(problems, `\n${problems.join('\n')}\n`).to.deep.equal([]);
  });

  it('uses every English message somewhere in the widget or console', async () => {
    const files = (await listFiles('widget/src')).filter((f) => f.endsWith('.ts') && !found.catalogFiles.has(f));
    const texts = await Promise.all(files.map(async (f) => (await fetch(`/${f}`)).text()));
    const sources = texts.join('\n');
    const unused: string[] = [];
    for (const { name, locales } of found.catalogs) unusedKeys(locales.en as Record<string, unknown>, sources, name, unused);
    expect(unused, `messages nothing uses:\n${unused.join('\n')}\n`).to.deep.equal([]);
  });

  it('catches a missing key, a wrong argument count and an unused message (the checks can fail)', () => {
    const problems: string[] = [];
    shapeProblems({ a: 'A', e: '', b: { c: 'C' }, f: (n: number) => `${n}` }, { a: '', e: '', b: {}, f: () => '', x: 'X' }, 'fixture', problems);
    expect(problems).to.deep.equal([
      'fixture.a: empty',
      'fixture.b.c: missing',
      'fixture.f: takes 0 argument(s), en takes 1',
      'fixture.x: not in en (unused?)',
    ]);
    const unused: string[] = [];
    unusedKeys({ used: 'x', dead: 'y', errors: { any_code: 'z' }, roles: { owner: 'o', ghost: 'g' } }, 'a(t.used); b(t.errors[code]); c(t.roles.owner)', 'fixture', unused);
    expect(unused).to.deep.equal(['fixture.dead', 'fixture.roles.ghost']);
  });
});
