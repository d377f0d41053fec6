/**
 * Root-cause topics: recurring themes among personal questions and complaints, found by term
 * clustering over their masked text (English, Dutch and French).
 *
 * 1. Each text is folded (lower case, diacritics removed), the screening's "[… hidden]" masks
 *    are dropped, and it is cut into words of letters; stop words and words under 3 letters go.
 * 2. Each word is reduced to a stem by a light suffix stripper (plurals, -ing/-ed, Dutch -en/-je,
 *    French -es/-e), so "invoices", "invoice" and "invoiced" meet.
 * 3. A question's terms are its stems and the bigrams of neighbouring stems.
 * 4. Greedy cover: the term found in the most not-yet-grouped questions (a bigram weighs triple,
 *    being the more specific theme) becomes a topic holding those questions; repeat until no
 *    term is shared by at least {@link MIN_TOPIC_SIZE} questions or enough topics are found.
 * A topic is named after its term in the words people used most ("invoice missing", "runs small")
 * and lists the terms most common among its questions. Deterministic: every tie is broken by
 * the more specific bigram, then the term's text; questions keep their input order.
 */

export interface RootCauseInput {
  id: string;
  body: string;
}

export interface RootCauseTopic {
  topic: string;
  terms: string[];
  count: number;
  questionIds: string[];
}

export const MIN_TOPIC_SIZE = 2;
/** How much more a two-word theme counts than one word: "arrived damaged" names a cause, "arrived" does not. */
const BIGRAM_WEIGHT = 3;

const STOP_WORDS = new Set(
  `
  a about above after again against all also am an and any are as at be because been before being below between both but by
  can cannot could did do does doing done down during each few for from further get got had has have having he her here hers
  him his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours
  out over own same she should so some still such than that the their them then there these they this those through to too
  under until up very was we were what when where which while who whom why will with would you your yours yet hello hi dear
  thanks thank please regards kind help anyone someone know want wanted need like one two ago since already today yesterday
  tomorrow week weeks day days hour hours month months back again way much many really sure lot ok okay
  question questions quick two three four five times time first
  aan af al alle alleen als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge geen
  geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je jij jou jouw jullie kan kon kunnen
  maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot
  u uit uw van veel voor want waren was wat we wel werd wie wij wil worden wordt zal ze zei zelf zich zij zijn zo zonder zou
  graag hallo hoi bedankt dank alvast vriendelijke groet groeten weet welke waar wanneer waarom gisteren vandaag morgen
  week weken dagen dag uur sinds
  vraag vragen vraagje snel twee drie vier vijf keer keren
  au aux avec ce ces cet cette dans de des du elle elles en est et eux il ils je la le les leur lui ma mais me meme mes moi
  mon ne nos notre nous on ont ou par pas pour qu que qui sa se ses son sont sur ta te tes toi ton tu un une vos votre vous
  ai as avons avez etais etait etre fait faire peut peux pouvez puis quand quoi comment pourquoi bonjour merci svp madame
  monsieur deja toujours encore aussi tres bien hier demain aujourd hui jour jours semaine semaines depuis
  question questions rapide deux trois quatre cinq fois
  `
    .split(/\s+/)
    .filter(Boolean),
);

/** Lower case without diacritics (é → e, ï → i, ß stays). */
export const fold = (text: string): string => text.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');

/** A light multilingual stemmer: enough to make plural and tense variants meet, never clever. */
export function stem(word: string): string {
  let w = word;
  const strip = (suffix: string, min = 3): boolean => {
    if (w.length - suffix.length >= min && w.endsWith(suffix)) {
      w = w.slice(0, -suffix.length);
      return true;
    }
    return false;
  };
  if (strip('tjes') || strip('tje') || strip('jes') || strip('je', 4)) return w;
  if (strip('ies')) return `${w}y`;
  if (strip('ing', 4) || strip('ed', 4) || strip('es', 4) || strip('en', 4) || strip('s', 3) || strip('e', 4)) {
    // "shipped" → "shipp" → "ship"; "gemist" stays.
    if (w.length > 3 && w.at(-1) === w.at(-2) && !/[aeiou]/.test(w.at(-1) ?? '')) w = w.slice(0, -1);
  }
  return w;
}

const MASK = /\[[^\]]{0,40}hidden\]/gi;

/** The words of a text as [stem, folded word] pairs, stop words and short words removed. */
export function tokens(text: string): [string, string][] {
  const words = fold(text.replace(MASK, ' ')).match(/\p{L}+/gu) ?? [];
  const out: [string, string][] = [];
  for (const w of words) {
    if (w.length < 3 || STOP_WORDS.has(w)) continue;
    out.push([stem(w), w]);
  }
  return out;
}

interface Doc {
  id: string;
  terms: Set<string>;
  words: [string, string][];
}

const isBigram = (term: string) => term.includes(' ');

/** Names each stem by the word the given questions used most for it (ties: alphabetical). */
function namer(docs: readonly Doc[]): (stem: string) => string {
  const forms = new Map<string, Map<string, number>>();
  for (const d of docs)
    for (const [s, w] of d.words) {
      const f = forms.get(s) ?? new Map<string, number>();
      f.set(w, (f.get(w) ?? 0) + 1);
      forms.set(s, f);
    }
  return (s) => {
    let best = s;
    let n = -1;
    for (const [w, c] of forms.get(s) ?? []) if (c > n || (c === n && w < best)) [best, n] = [w, c];
    return best;
  };
}

/** Groups the texts into at most `limit` topics, biggest first; see the module comment. */
export function rootCauses(inputs: readonly RootCauseInput[], limit = 10, maxIds = 100): RootCauseTopic[] {
  const docs: Doc[] = inputs.map(({ id, body }) => {
    const words = tokens(body);
    const terms = new Set<string>();
    words.forEach(([s], i) => {
      terms.add(s);
      const next = words[i + 1];
      if (next && next[0] !== s) terms.add(`${s} ${next[0]}`);
    });
    return { id, terms, words };
  });

  const topics: RootCauseTopic[] = [];
  let open = docs;
  while (topics.length < limit && open.length) {
    const df = new Map<string, number>();
    for (const d of open) for (const t of d.terms) df.set(t, (df.get(t) ?? 0) + 1);
    let best: string | null = null;
    let bestScore = 0;
    for (const [t, n] of df) {
      if (n < MIN_TOPIC_SIZE) continue;
      const score = n * (isBigram(t) ? BIGRAM_WEIGHT : 1);
      // Ties: the more specific bigram, then the term's text.
      const better =
        score > bestScore ||
        (score === bestScore && best !== null && (isBigram(t) !== isBigram(best) ? isBigram(t) : t < best));
      if (better) [best, bestScore] = [t, score];
    }
    if (best === null) break;
    const term = best;
    const members = open.filter((d) => d.terms.has(term));
    open = open.filter((d) => !d.terms.has(term));
    // The terms most shared within the topic, its own first.
    const within = new Map<string, number>();
    for (const d of members) for (const t of d.terms) if (!isBigram(t)) within.set(t, (within.get(t) ?? 0) + 1);
    const own = term.split(' ');
    const related = [...within]
      .filter(([t, n]) => !own.includes(t) && n >= MIN_TOPIC_SIZE)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 4 - own.length)
      .map(([t]) => t);
    const wordOf = namer(members);
    topics.push({
      topic: own.map(wordOf).join(' '),
      terms: [...own, ...related].map(wordOf),
      count: members.length,
      questionIds: members.slice(0, maxIds).map((d) => d.id),
    });
  }
  return topics.sort((a, b) => b.count - a.count || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}
