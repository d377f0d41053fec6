/**
 * Triage of a posted question: a general product question goes to the community; a personal or
 * sensitive one (about *my* order, payment, invoice, refund, return, warranty claim, account, or a
 * complaint) goes privately to brand staff. Rule-based on purpose: staff can read why a question
 * was routed (`matched`), site owners can add words, and nothing leaves the Worker.
 *
 * How a decision is made:
 * 1. The text is normalised (lower case, accents and curly apostrophes folded) so "Remboursé",
 *    "rembourse" and "REMBOURSÉ" read alike.
 * 2. Every keyword rule of every language is tried (questions mix languages, and the few words
 *    shared by Dutch, English and French mean the same thing). A rule fires at most once, at
 *    word boundaries, and adds its weight to its category.
 * 3. Context cues that say "this is about me" — an order number, a possessive ("my", "mijn",
 *    "mon/ma/mes") — add to every category that already has a keyword hit. Alone they mean
 *    nothing: "does it fit my husband?" stays public.
 * 4. A category at or above {@link PERSONAL_THRESHOLD} makes the question personal; a complaint
 *    score at or above the threshold flags a complaint, which is always personal.
 */

export const CATEGORIES = ['payment', 'invoice', 'refund', 'order_status', 'returns', 'warranty', 'account', 'complaint'] as const;
export type Category = (typeof CATEGORIES)[number];
/** The categories that name what a personal question is about (a complaint can be about any of them). */
export type SubjectCategory = Exclude<Category, 'complaint'>;
export type Lang = 'en' | 'nl' | 'fr';

export interface Triage {
  kind: 'public' | 'personal';
  /** What the question is about; `null` for a public question. */
  category: Category | null;
  complaint: boolean;
  scores: Record<Category, number>;
  /** The rules that fired, in a form staff can read: `invoice +3 "my invoice" (en)`. */
  matched: string[];
}

/** A category (or the complaint score) at or above this decides. One strong phrase reaches it alone. */
export const PERSONAL_THRESHOLD = 3;
/** The weight of a topic word; at most one topic word counts per category. */
const TOPIC_WEIGHT = 1;
/** Under a complaint, the subject must reach this to name the category; otherwise it is filed as `complaint`. */
const COMPLAINT_SUBJECT_MIN = 2;
/** Weight of a site owner's own keyword: the owner added it to route, so it reaches the threshold alone. */
export const SITE_KEYWORD_WEIGHT = PERSONAL_THRESHOLD;

/**
 * Ties go to the more specific subject: a question about "the invoice for my order" is about the
 * invoice, and "my order" is in nearly every personal question.
 */
const SUBJECT_PRIORITY: readonly SubjectCategory[] = ['invoice', 'refund', 'payment', 'returns', 'warranty', 'account', 'order_status'];

/**
 * Keyword rules per language and category, grouped by weight:
 * - 3: enough on its own ("I paid", "waar blijft", "je veux être remboursé");
 * - 2: a strong hint, personal with one more sign ("my order" + "where is");
 * - 1: the topic only — product questions mention delivery, payment and warranty too, so at most
 *   one topic word counts per category (and each phrase counts once, whatever languages list it).
 *
 * Phrase syntax: words match whole words; `word*` matches words starting with `word`; `..` lets up
 * to two words sit in between ("my .. order" matches "my last order"); an apostrophe may also be a
 * space or missing ("hasn't", "hasn t", "hasnt"). Write phrases without accents; both sides are folded.
 */
export const triageKeywords: Record<Lang, Record<Category, Partial<Record<1 | 2 | 3, string[]>>>> = {
  en: {
    order_status: {
      3: [
        'where is my order', "hasn't arrived", 'has not arrived', "haven't received", 'have not received', 'never received',
        'never arrived', 'not arrived yet', 'still not arrived', 'still waiting for my', 'track my', 'tracking number',
        'order status', 'status of my', 'when will my .. arrive', 'says delivered', 'marked as delivered', 'lost in the post',
      ],
      2: ['my order', 'my last order', 'my package', 'my parcel', 'my delivery', 'my shipment', 'i ordered', 'i placed an order', 'where is'],
      1: ['order*', 'deliver*', 'shipping', 'ship', 'shipped', 'courier', 'arrive*', 'dispatch*', 'track*'],
    },
    payment: {
      3: [
        'i paid', 'i have paid', "i've paid", 'i already paid', 'charged twice', 'double charged', 'was charged', 'been charged',
        'payment failed', 'payment .. declined', 'card .. declined', 'my payment', 'money was taken', 'debited',
      ],
      1: ['pay*', 'paypal', 'klarna', 'ideal', 'bancontact', 'credit card', 'checkout', 'afterpay'],
    },
    invoice: {
      3: ['my invoice', 'my receipt', 'invoice for order', 'invoice for my', 'send me .. invoice', 'vat invoice', 'copy of .. invoice', 'credit note'],
      2: ['invoice*', 'receipt'],
      1: ['vat', 'billing'],
    },
    refund: {
      3: ['my refund', 'my money back', 'refund me', 'want .. refund', 'still no refund', 'not .. refunded', 'been refunded', 'be refunded', 'get .. money back'],
      2: ['refund*', 'money back', 'reimburs*', 'my money'],
    },
    returns: {
      3: ['return my', 'i returned', 'i sent back', 'return label', 'wrong size', 'wrong item', 'wrong colour', 'wrong color', 'exchange my', 'my return'],
      2: ['sent .. back'],
      1: ['return*', 'exchange*', 'send .. back'],
    },
    warranty: {
      3: ['warranty claim', 'claim .. warranty', 'stopped working', 'defective', 'faulty', 'came apart', 'fell apart', "won't turn on", 'no longer works', 'came off'],
      2: ['broke', 'broken', "doesn't work", 'does not work', 'leak', 'leaks', 'leaking', 'coming off', 'coming apart'],
      1: ['warranty', 'guarantee', 'repair*', 'replace*'],
    },
    account: {
      3: [
        "can't log in", 'cannot log in', "can't sign in", 'cannot sign in', 'unable to log in', 'my password', 'reset .. password',
        'password reset', 'delete my account', 'my login', 'my email address', 'my personal data', 'unsubscribe',
      ],
      2: ['my account', 'my profile', 'change .. email address'],
      1: ['account', 'password', 'log in', 'login', 'sign in', 'newsletter'],
    },
    complaint: {
      3: [
        'complaint', 'complain', 'worst service', 'worst .. ever', 'unacceptable', 'ridiculous', 'disgrace*', 'scandal*', 'outrageous',
        'furious', 'never again', 'rip off', 'rip-off', 'scam', 'thieves', 'fraud', 'terrible service', 'appalling', 'disgusting',
        'shameful', 'fed up', 'sick of', 'i want my money back', 'speak to a manager', 'lawyer', 'very disappointed',
      ],
      2: ['disappointed', 'dissatisfied', 'unhappy', 'terrible', 'awful', 'horrible', 'nobody answers', 'no one answers', 'nobody replies', 'no response', 'still no answer', 'third time', 'second time'],
    },
  },
  nl: {
    order_status: {
      3: [
        'waar blijft', 'nog niet ontvangen', 'niet ontvangen', 'nooit ontvangen', 'nog niet binnen', 'nog niet geleverd', 'nog niet bezorgd',
        'nog niet aangekomen', 'status van mijn', 'wanneer komt mijn', 'wanneer wordt mijn', 'staat op bezorgd', 'als bezorgd',
      ],
      2: ['mijn .. bestelling', 'mijn pakket*', 'mijn levering', 'mijn zending', 'ik heb .. besteld', 'onderweg'],
      1: ['bestel*', 'lever*', 'bezorg*', 'verzend*', 'verstuur*', 'pakket*', 'zending', 'koerier', 'postnl', 'order', 'track*'],
    },
    payment: {
      3: [
        'ik heb betaald', 'ik heb .. betaald', 'al betaald', 'dubbel betaald', 'twee keer betaald', 'afgeschreven', 'betaling .. mislukt',
        'betaling .. niet gelukt', 'mijn betaling', 'betaling .. geweigerd',
      ],
      2: ['fout* .. betal*'],
      1: ['betal*', 'ideal', 'bancontact', 'klarna', 'paypal', 'creditcard', 'afreken*'],
    },
    invoice: {
      3: ['mijn factuur', 'factuur .. bestelling', 'geen factuur', 'factuur .. ontvangen', 'stuur .. factuur', 'btw-factuur', 'creditnota', 'factuur klopt niet'],
      2: ['factu*'],
      1: ['btw', 'kassabon', 'aankoopbewijs'],
    },
    refund: {
      3: ['mijn geld terug', 'mijn terugbetaling', 'geen terugbetaling', 'terugbetaling .. ontvangen', 'terugbetaald', 'teruggestort', 'nog steeds geen geld'],
      2: ['terugbetal*', 'geld terug', 'terugstort*', 'restitutie', 'mijn geld'],
    },
    returns: {
      3: [
        'mijn retour', 'ik heb .. geretourneerd', 'ik heb .. teruggestuurd', 'retourlabel', 'retourformulier', 'verkeerde maat', 'verkeerde kleur',
        'verkeerd artikel', 'verkeerde .. ontvangen', 'ruil ik', 'mijn .. retourneren', 'mijn .. terugsturen', 'mijn .. ruilen',
      ],
      2: ['geretourneerd', 'teruggestuurd', 'omruil*'],
      1: ['retour*', 'terugstur*', 'terugzend*', 'ruil*'],
    },
    warranty: {
      3: ['garantieclaim', 'beroep .. op de garantie', 'kapot gegaan', 'kapotgegaan', 'gaat niet meer aan', 'werkt niet meer', 'doet het niet meer', 'defect', 'stuk gegaan', 'is stuk', 'is kapot', 'losgelaten'],
      // "kapot" alone is often hypothetical ("als die kapotgaat"); "kapot gegaan", "is kapot" are not.
      2: ['lekt', 'lekken', 'scheurt', 'gescheurd', 'laat los', 'laten los', 'komt los'],
      1: ['garantie', 'reparatie', 'repareren', 'vervang*', 'kapot*'],
    },
    account: {
      3: ['kan niet inloggen', 'inloggen lukt niet', 'wachtwoord vergeten', 'mijn wachtwoord', 'wachtwoord wijzigen', 'account verwijderen', 'mijn gegevens', 'uitschrijven', 'mijn e-mailadres', 'mijn emailadres'],
      2: ['mijn account', 'mijn profiel', 'e-mailadres wijzigen', 'emailadres wijzigen'],
      1: ['account', 'wachtwoord', 'inlog*', 'profiel', 'nieuwsbrief'],
    },
    complaint: {
      3: [
        'klacht*', 'onacceptabel', 'schandalig', 'schande', 'belachelijk', 'slechte service', 'slechtste', 'waardeloos', 'waardeloze',
        'nooit meer', 'oplicht*', 'ik wil mijn geld terug', 'diep teleurgesteld', 'woedend', 'consumentenbond', 'advocaat', 'ombudsman',
      ],
      2: ['teleurgesteld', 'ontevreden', 'boos', 'niemand reageert', 'niemand helpt', 'geen antwoord', 'al twee keer', 'al drie keer', 'voor de derde keer', 'nog steeds geen'],
    },
  },
  fr: {
    order_status: {
      3: [
        'ou en est', 'ou est ma commande', 'pas encore recu', "n'ai pas recu", "n'ai toujours pas recu", 'toujours pas arrive*', "n'est pas arrive*",
        'jamais recu', 'jamais arrive*', 'suivi de .. commande', 'numero de suivi', 'quand vais-je recevoir', 'indique livre',
      ],
      2: ['ma .. commande', 'mon colis', 'ma livraison', 'mon envoi', "j'ai commande"],
      1: ['commande*', 'livr*', 'colis', 'expedi*', 'transporteur', 'livreur', 'arriv*'],
    },
    payment: {
      3: ["j'ai paye", "j'ai .. paye", 'paye deux fois', 'debite*', 'preleve*', 'prelevement', 'paiement refuse', 'paiement .. echoue', 'mon paiement', 'carte .. refusee'],
      1: ['pay*', 'paiement*', 'bancontact', 'carte bancaire', 'paypal', 'virement'],
    },
    invoice: {
      3: ['ma facture', 'facture .. commande', 'envoyer .. facture', 'pas recu .. facture', 'note de credit', 'facture .. erronee'],
      2: ['factur*'],
      1: ['tva'],
    },
    refund: {
      3: ['etre rembourse*', 'mon remboursement', 'me rembourser', 'pas ete rembourse*', 'toujours pas rembourse*', 'serai-je rembourse*', 'mon argent'],
      2: ['rembours*'],
    },
    returns: {
      3: [
        'retourner mon', 'retourner ma', 'retourner mes', 'renvoyer mon', 'renvoyer ma', 'renvoyer mes', "j'ai retourne", "j'ai renvoye",
        'mon retour', 'etiquette de retour', 'bon de retour', 'mauvaise taille', 'mauvaise couleur', 'mauvais article',
      ],
      2: ['echange*', 'echanger'],
      1: ['retour*', 'renvoy*', 'renvoi'],
    },
    warranty: {
      3: ['est cassee', 'est casse', "s'allume plus", 'ne fonctionne plus', 'ne marche plus', 'tombe* en panne', 'defectueu*', 'faire jouer la garantie', "s'est decolle*"],
      2: ['casse*', 'panne', 'decolle*'],
      1: ['garantie', 'repar*', 'remplac*'],
    },
    account: {
      3: ["n'arrive pas a me connecter", 'impossible de me connecter', 'mot de passe oublie', 'mon mot de passe', 'supprimer mon compte', 'mes donnees', 'me desabonner', 'desinscri*', 'mon adresse e-mail', 'mon adresse mail', 'mon adresse email'],
      2: ['mon compte', 'adresse e-mail', 'adresse mail', 'adresse email'],
      1: ['compte', 'mot de passe', 'connexion', 'connecter', 'newsletter'],
    },
    complaint: {
      3: [
        'plainte', 'reclamation', 'scandaleu*', 'scandale', 'inadmissible', 'inacceptable', 'honteu*', 'honte', 'lamentable', 'pire service',
        'plus jamais', 'voleurs', 'arnaque*', 'escroc*', 'je veux mon argent', 'furieu*', 'deplorable', 'minable', 'avocat', 'tres decu*',
        'tres mecontent*',
      ],
      2: ['decu*', 'mecontent*', 'nul', 'personne ne repond', 'aucune reponse', 'toujours pas de reponse', 'troisieme fois', 'deuxieme fois'],
    },
  },
};

/**
 * Signs that the question is about the asker's own case. They strengthen categories that already
 * have a keyword hit and do nothing alone.
 */
// "order 1042", "bestelling NK-1042", "commande n° 1042", "order #1042", or a reference such as "NK-1042" / "#1042".
const ORDER_NUMBER =
  /(?<![\p{L}\p{N}])(?:(?:order|bestelling|bestelnummer|ordernummer|commande)(?:\s*(?:number|nummer|nr|no|n°|numero))?\.?\s*[:#]?\s*(?:[a-z]{1,4}-?)?\d{3,}|#\d{3,}|[a-z]{2,4}-\d{3,})(?![\p{L}\p{N}])/u;
const ORDER_NUMBER_BOOST = 2;
const POSSESSIVE = /(?<![\p{L}\p{N}'])(?:my|mine|our|mijn|m'n|onze|mon|ma|mes|notre|nos)(?![\p{L}\p{N}'])/u;
const POSSESSIVE_BOOST = 1;
// Anger in the tone rather than the words: "!!" or several words in capitals ("STILL NOTHING").
const SHOUTING_WEIGHT = 1;

interface CompiledRule {
  category: Category;
  weight: number;
  label: string;
  regex: RegExp;
}

/** Lower case, accents removed, curly apostrophes made straight, white space collapsed. */
export function normalizeForTriage(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/œ/g, 'oe')
    .replace(/\s+/g, ' ')
    .trim();
}

// Only the characters that are syntax in a `u` regex outside a class ("-" and "/" are not, and `\-` is an error there).
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles one phrase of the syntax described at {@link triageKeywords} into a word-bounded regex. */
function compilePhrase(phrase: string): RegExp {
  let source = '';
  for (const token of normalizeForTriage(phrase).split(' ')) {
    if (token === '..') {
      source += String.raw`(?:\s+\S+){0,2}`;
      continue;
    }
    const prefix = token.endsWith('*');
    const word = escapeRegExp(prefix ? token.slice(0, -1) : token).replaceAll("'", String.raw`(?:'|\s)?`);
    source += (source ? String.raw`\s+` : '') + word + (prefix ? String.raw`[\p{L}\p{N}]*` : '');
  }
  return new RegExp(String.raw`(?<![\p{L}\p{N}])` + source + String.raw`(?![\p{L}\p{N}])`, 'u');
}

/**
 * One rule per category and phrase: a phrase listed for several languages ("paypal", "garantie")
 * counts once, and its label names every language that lists it.
 */
function compileAll(): CompiledRule[] {
  const byKey = new Map<string, { category: Category; weight: number; phrase: string; langs: string[] }>();
  for (const [lang, categories] of Object.entries(triageKeywords)) {
    for (const [category, byWeight] of Object.entries(categories) as [Category, Partial<Record<1 | 2 | 3, string[]>>][]) {
      for (const [weight, phrases] of Object.entries(byWeight)) {
        for (const phrase of phrases ?? []) {
          const key = `${category}|${normalizeForTriage(phrase)}`;
          const seen = byKey.get(key);
          if (seen) seen.langs.push(lang);
          else byKey.set(key, { category, weight: Number(weight), phrase, langs: [lang] });
        }
      }
    }
  }
  return [...byKey.values()].map(({ category, weight, phrase, langs }) => ({
    category,
    weight,
    label: `${category} +${weight} "${phrase}" (${langs.join(', ')})`,
    regex: compilePhrase(phrase),
  }));
}

// Compiled once per isolate: a few hundred regexes, reused by every request.
const BUILT_IN_RULES = compileAll();

function siteRules(extraKeywords: Partial<Record<Category, string[]>>): CompiledRule[] {
  const rules: CompiledRule[] = [];
  for (const category of CATEGORIES) {
    for (const raw of extraKeywords[category] ?? []) {
      const phrase = raw.trim();
      if (!phrase) continue;
      rules.push({
        category,
        weight: SITE_KEYWORD_WEIGHT,
        label: `${category} +${SITE_KEYWORD_WEIGHT} "${phrase}" (site)`,
        regex: compilePhrase(phrase),
      });
    }
  }
  return rules;
}

function isShouting(original: string): boolean {
  if (/!{2,}/.test(original)) return true;
  const capitalWords = original.match(/(?<!\p{L})\p{Lu}{4,}(?!\p{L})/gu) ?? [];
  return capitalWords.length >= 2;
}

function emptyScores(): Record<Category, number> {
  return { payment: 0, invoice: 0, refund: 0, order_status: 0, returns: 0, warranty: 0, account: 0, complaint: 0 };
}

/**
 * Classifies a shopper's question as public (for the community) or personal (for staff, with a
 * category), and flags complaints.
 *
 * @param extraKeywords the site owner's own words per category; each one alone routes to its category.
 */
export function triageQuestion(text: string, extraKeywords: Partial<Record<Category, string[]>> = {}): Triage {
  const normalized = normalizeForTriage(text);
  const scores = emptyScores();
  const matched: string[] = [];

  // Topic words only say what a question is about, so several of them ("pay", "PayPal") count as one.
  const topicCounted = new Set<Category>();
  for (const rule of [...BUILT_IN_RULES, ...siteRules(extraKeywords)]) {
    if (!rule.regex.test(normalized)) continue;
    if (rule.weight === TOPIC_WEIGHT) {
      if (topicCounted.has(rule.category)) continue;
      topicCounted.add(rule.category);
    }
    scores[rule.category] += rule.weight;
    matched.push(rule.label);
  }

  if (isShouting(text)) {
    scores.complaint += SHOUTING_WEIGHT;
    matched.push(`complaint +${SHOUTING_WEIGHT} shouting ("!!" or words in capitals)`);
  }

  // Cues of "my case" only strengthen subjects already named; they never make a complaint.
  const hit = SUBJECT_PRIORITY.filter((c) => scores[c] > 0);
  const cues: [RegExp, number, string][] = [
    [ORDER_NUMBER, ORDER_NUMBER_BOOST, 'order number'],
    [POSSESSIVE, POSSESSIVE_BOOST, 'possessive'],
  ];
  for (const [regex, boost, name] of cues) {
    const found = regex.exec(normalized);
    if (!found || !hit.length) continue;
    for (const c of hit) scores[c] += boost;
    matched.push(`${hit.join(', ')} +${boost} ${name} "${found[0]}"`);
  }

  // Highest score first; ties go to the more specific subject (SUBJECT_PRIORITY order).
  let best: SubjectCategory = SUBJECT_PRIORITY[0]!;
  for (const c of SUBJECT_PRIORITY) if (scores[c] > scores[best]) best = c;

  const complaint = scores.complaint >= PERSONAL_THRESHOLD;
  if (complaint) {
    return { kind: 'personal', category: scores[best] >= COMPLAINT_SUBJECT_MIN ? best : 'complaint', complaint, scores, matched };
  }
  if (scores[best] >= PERSONAL_THRESHOLD) return { kind: 'personal', category: best, complaint, scores, matched };
  return { kind: 'public', category: null, complaint, scores, matched };
}
