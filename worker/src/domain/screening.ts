/**
 * Screening of community posts before publication: personal data is masked (the author is told
 * what was hidden), and obvious spam or blocklisted words hold the post for review.
 */

export type PersonalDataKind = 'email' | 'phone' | 'iban' | 'card' | 'order';
export type HoldReason = 'links' | 'repetition' | 'blocklist' | 'duplicate';

export interface Screened {
  body: string;
  masked: PersonalDataKind[];
  hold: HoldReason | null;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;
// 13–19 digits, optionally grouped by spaces or dashes; only masked when the Luhn check passes.
const CARD = /\b\d(?:[ -]?\d){12,18}\b/g;
// International (+31 6 1234 5678, +33 6 12 34 56 78, 0031…) and national (06-12345678, 020 123 4567) numbers.
const PHONE = /(?:\+|00)\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}|\b0\d{1,3}[ .-]?\d{2,4}(?:[ .-]?\d{2,4}){1,3}\b/g;
// An order number right after the word for order ("order 1042", "bestelnummer: NK-1042", "commande n° 2026/0042").
const ORDER = /\b(order|ordernummer|bestelling|bestelnummer|commande)(\s*(?:nr\.?|no\.?|number|nummer|numéro|n°|#)?\s*[:#]?\s*)([A-Z]{0,4}[-/]?\d[\d/-]{2,15})\b/giu;
const LINK = /\bhttps?:\/\/|\bwww\./gi;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function ibanValid(raw: string): boolean {
  const s = raw.replaceAll(' ', '');
  if (s.length < 15 || s.length > 34) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of v) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

/** Masks personal data; returns the masked text and which kinds were found. */
export function maskPersonalData(text: string): { body: string; masked: PersonalDataKind[] } {
  const found = new Set<PersonalDataKind>();
  let body = text.replace(EMAIL, () => {
    found.add('email');
    return '[email hidden]';
  });
  body = body.replace(IBAN, (m) => {
    if (!ibanValid(m)) return m;
    found.add('iban');
    return '[IBAN hidden]';
  });
  body = body.replace(CARD, (m) => {
    const digits = m.replace(/\D/g, '');
    if (!luhn(digits)) return m;
    found.add('card');
    return '[card number hidden]';
  });
  body = body.replace(ORDER, (_m, word: string, gap: string) => {
    found.add('order');
    return `${word}${gap}[order number hidden]`;
  });
  body = body.replace(PHONE, (m) => {
    if (m.replace(/\D/g, '').length < 9) return m;
    found.add('phone');
    return '[phone hidden]';
  });
  return { body, masked: [...found] };
}

/** Why a post should wait for review, if it should. */
export function holdReason(text: string, blocklist: readonly string[]): HoldReason | null {
  if ((text.match(LINK) ?? []).length > 2) return 'links';
  if (/(.)\1{11,}/u.test(text)) return 'repetition';
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  if (words.length >= 8 && Math.max(...counts.values()) / words.length > 0.5) return 'repetition';
  const blocked = new Set(blocklist.map((w) => w.toLowerCase()));
  if (words.some((w) => blocked.has(w))) return 'blocklist';
  return null;
}

export function screenPost(text: string, blocklist: readonly string[]): Screened {
  const { body, masked } = maskPersonalData(text);
  return { body, masked, hold: holdReason(text, blocklist) };
}
