/**
 * A vite plugin that squeezes the whitespace out of Lit's css`` and html`` template literals
 * in the widget's source. Only the static text between `${…}` holes changes; expressions are
 * copied untouched. Every byte saved here is a byte not paid for by the shop's page.
 */
import type { Plugin } from 'vite';

type Kind = 'css' | 'html';

/** Collapses whitespace in one static piece of a template. */
function squeeze(text: string, kind: Kind): string {
  if (kind === 'html') {
    // Runs of whitespace containing a newline are formatting; a single space may be meaningful.
    return text.replace(/\s*\n\s*/g, ' ');
  }
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

/** Index just past the expression that starts at `i` (after `${`), honouring nested strings and templates. */
function skipExpression(src: string, i: number): number {
  let depth = 1;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (ch === '"' || ch === "'") {
      i = skipString(src, i);
      continue;
    } else if (ch === '`') {
      i = skipTemplate(src, i + 1, null).end;
      continue;
    } else if (ch === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i);
      if (i < 0) return src.length;
      continue;
    } else if (ch === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i) + 2;
      continue;
    }
    i++;
  }
  return i;
}

function skipString(src: string, i: number): number {
  const quote = src[i];
  i++;
  while (i < src.length && src[i] !== quote) i += src[i] === '\\' ? 2 : 1;
  return i + 1;
}

/**
 * Walks a template literal whose body starts at `i`; returns where it ends and, when `kind`
 * is given, the template rewritten with its static parts squeezed.
 */
function skipTemplate(src: string, i: number, kind: Kind | null): { end: number; text: string } {
  let out = '';
  let piece = '';
  while (i < src.length) {
    const ch = src[i];
    if (ch === '\\') {
      piece += src.slice(i, i + 2);
      i += 2;
    } else if (ch === '`') {
      out += kind ? squeeze(piece, kind) : piece;
      return { end: i + 1, text: out };
    } else if (ch === '$' && src[i + 1] === '{') {
      out += kind ? squeeze(piece, kind) : piece;
      piece = '';
      const end = skipExpression(src, i + 2);
      out += '${' + transformCode(src.slice(i + 2, end - 1)) + '}';
      i = end;
    } else {
      piece += ch;
      i++;
    }
  }
  throw new Error('unterminated template literal');
}

/** Rewrites every css`` and html`` template in a piece of code. */
export function transformCode(code: string): string {
  let out = '';
  let i = 0;
  const tag = /\b(css|html)`/g;
  for (let m = tag.exec(code); m; m = tag.exec(code)) {
    const kind = m[1] as Kind;
    const bodyStart = m.index + m[0].length;
    if (bodyStart < i) continue;
    out += code.slice(i, bodyStart);
    const { end, text } = skipTemplate(code, bodyStart, kind);
    out += text + '`';
    i = end;
    tag.lastIndex = end;
  }
  return out + code.slice(i);
}

export function minifyTemplates(): Plugin {
  return {
    name: 'samen-minify-templates',
    apply: 'build',
    // After TypeScript is stripped, so comments and types cannot confuse the scanner.
    enforce: 'post',
    transform(code, id) {
      if (!/\/widget\/src\/.*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      return { code: transformCode(code), map: null };
    },
  };
}
