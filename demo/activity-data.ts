/**
 * What the demo shop's three months of activity are made of: extra catalogue items (without
 * pages, so the demo product pages keep their small, readable lists), recurring community
 * members, and the texts shoppers write — product questions and the personal questions and
 * complaints whose themes the Insights root causes should find. English, Dutch and French.
 */

/** Catalogue items that have no demo page: public questions, reviews and ideas go here. */
export const activityProducts = [
  { id: 'nk-rain-trousers', name: 'Rain Trousers' },
  { id: 'nk-fleece-mid', name: 'Fleece Mid Layer' },
  { id: 'nk-hiking-boot', name: 'Hiking Boot Mid GTX' },
  { id: 'nk-wool-beanie', name: 'Wool Beanie' },
  { id: 'nk-trek-poles', name: 'Trekking Poles' },
  { id: 'nk-down-jacket', name: 'Down Jacket' },
] as const;

/** Recurring community members (identified by the shop); the first few answer most. */
export const activityMembers = [
  { sub: 'demo-member-femke', name: 'Femke', role: 'shopper' },
  { sub: 'demo-member-joris', name: 'Joris', role: 'shopper' },
  { sub: 'demo-member-claire', name: 'Claire', role: 'shopper' },
  { sub: 'demo-member-mehmet', name: 'Mehmet', role: 'expert' },
  { sub: 'demo-member-lotte', name: 'Lotte', role: 'shopper' },
  { sub: 'demo-member-pieter', name: 'Pieter', role: 'shopper' },
  { sub: 'demo-member-ines', name: 'Inès', role: 'shopper' },
  { sub: 'demo-member-sanne', name: 'Sanne', role: 'shopper' },
] as const;

/** Names shoppers gave when asking. */
export const askerNames = ['Anouk', 'Bram', 'Chloé', 'Daan', 'Emma', 'Finn', 'Hugo', 'Julie', 'Kees', 'Léa', 'Milan', 'Noor', 'Tom', 'Zoë'];

export const publicQuestions = [
  'Are these rain trousers breathable enough for cycling?',
  'Do the rain trousers fit over hiking boots?',
  'Is the fleece warm enough as a mid layer in winter?',
  'Does the fleece pill after washing?',
  'How stiff is the hiking boot in the first weeks?',
  'Is the hiking boot waterproof when crossing streams?',
  'Does the beanie itch? I have sensitive skin.',
  'Can the trekking poles be packed in a carry-on?',
  'Are the trekking poles strong enough for heavy packs?',
  'Is the down jacket warm below minus ten?',
  'Does the down jacket pack into its own pocket?',
  'Zijn de regenbroeken ook geschikt voor kinderen?',
  'Is de fleece wasbaar op 40 graden?',
  'Hoe valt de wandelschoen qua breedte?',
  'La doudoune est-elle traitée contre l’humidité ?',
  'Les bâtons sont-ils réglables d’une seule main ?',
];

export const communityAnswers = [
  'Yes, I wear them on my daily commute by bike and stay dry without sweating much.',
  'They fit over my mid boots thanks to the side zips.',
  'Warm enough under a shell down to about minus five for me.',
  'Mine still looks new after twenty washes on a gentle cycle.',
  'A bit stiff for the first two walks, then very comfortable.',
  'I crossed ankle-deep streams and my feet stayed dry.',
  'Not itchy at all, it is soft merino.',
  'They fold down to 38 cm, so they fit in my cabin bag.',
  'I carry 18 kg with them in the Alps, no problem.',
  'Ja, mijn dochter draagt ze elke dag naar school.',
  'Oui, les bâtons se règlent très facilement avec le levier.',
  'Fits a little narrow; I took the wide version.',
];

/**
 * Personal questions and complaints by theme: the root causes the demo should surface. Masked
 * as screening would have stored them.
 */
export const personalThemes: { theme: string; category: string; complaintShare: number; texts: string[] }[] = [
  {
    theme: 'invoice missing',
    category: 'invoice',
    complaintShare: 0.1,
    texts: [
      'Where is my invoice? The invoice is missing from the confirmation email.',
      'Invoice missing for order [order number hidden], can you send it again?',
      'I need the invoice for my employer but the invoice is missing.',
      'Mijn factuur ontbreekt nog, kunnen jullie die opnieuw sturen?',
      'Factuur ontbreekt bij mijn bestelling.',
      'La facture manque dans mon email de confirmation.',
    ],
  },
  {
    theme: 'size runs small',
    category: 'returns',
    complaintShare: 0.05,
    texts: [
      'The boots run small, can I exchange them for a bigger size?',
      'The fleece runs small, I need a size up. How do I exchange it?',
      'Size runs small on the down jacket, can I swap it?',
      'De maat valt klein, kan ik ruilen voor een grotere maat?',
      'La taille taille petit, puis-je échanger ?',
    ],
  },
  {
    theme: 'parcel arrived damaged',
    category: 'order_status',
    complaintShare: 0.6,
    texts: [
      'My parcel arrived damaged and the box was torn open.',
      'Parcel arrived damaged, one of the poles is bent.',
      'The parcel arrived damaged, what should I do now?',
      'Pakket kwam beschadigd aan, de doos was nat.',
      'Le colis est arrivé endommagé.',
    ],
  },
  {
    theme: 'refund not received',
    category: 'refund',
    complaintShare: 0.4,
    texts: [
      'I returned the boots two weeks ago and my refund has not been received yet.',
      'Refund not received for my return, when will it arrive?',
      'Still waiting for my refund after the return.',
      'Mijn terugbetaling is nog niet ontvangen.',
    ],
  },
  {
    theme: 'zipper broke',
    category: 'warranty',
    complaintShare: 0.7,
    texts: [
      'The zipper broke after a week of use, is this covered by warranty?',
      'Zipper broke on my rain trousers already.',
      'De rits is kapot na twee keer dragen.',
    ],
  },
  {
    theme: 'delivery time',
    category: 'order_status',
    complaintShare: 0.15,
    texts: [
      'When will my order be delivered? Tracking has not updated for days.',
      'My order has not been delivered yet, tracking shows nothing.',
      'Wanneer wordt mijn bestelling geleverd?',
    ],
  },
];

export const staffReplies = [
  'Thanks for letting us know. I have sent your invoice again; it should arrive within the hour.',
  'Sorry about that! A free exchange label is on its way to your email address.',
  'I am sorry the parcel arrived like this. We are sending a replacement today.',
  'Your refund was processed this morning; it can take 3–5 working days to show.',
  'That should not happen. Please send us a photo and we will repair or replace it under warranty.',
];

export const chatOpeners = [
  'Hi, quick question about my order.',
  'Hallo, ik heb een vraag over mijn bestelling.',
  'Bonjour, j’ai une question sur ma commande.',
];

export const reviewTexts = [
  { rating: 5, title: 'Dry all day', body: 'Walked five hours in steady rain and stayed completely dry.' },
  { rating: 4, title: 'Good, a bit warm', body: 'Great protection, a little warm when climbing.' },
  { rating: 2, title: 'Runs small', body: 'Nice quality but it runs small; order a size up.' },
  { rating: 5, title: 'Heerlijk warm', body: 'Lekker warm en licht, perfect voor de winter.' },
  { rating: 3, title: 'Correct', body: 'Bon produit, mais la fermeture éclair est fragile.' },
  { rating: 4, title: 'Comfortable', body: 'Comfortable from day one, good grip on wet rocks.' },
  { rating: 1, title: 'Zipper broke', body: 'The zipper broke after two weeks. Disappointed.' },
];

export const ideaTexts = [
  { title: 'Rain trousers in a short leg length', body: 'Please offer the rain trousers in a short leg length for smaller people.', category: 'product' },
  { title: 'Repair service for zippers', body: 'A repair service for broken zippers would keep jackets in use for longer.', category: 'experience' },
  { title: 'Kids sizes for the fleece', body: 'Our kids would love the same fleece as us.', category: 'product' },
  { title: 'Group hikes with the community', body: 'Organise monthly group hikes where members can test gear.', category: 'involvement' },
  { title: 'Second-hand corner', body: 'Let us resell gear we no longer use through the shop.', category: 'experience' },
  { title: 'Wandelstokken met kurken handvat', body: 'Graag een versie van de wandelstokken met kurken handvat.', category: 'product' },
  { title: 'Bonnet en laine recyclée', body: 'Un bonnet en laine recyclée serait super.', category: 'product' },
  { title: 'Test panel for new boots', body: 'Let experienced hikers test new boots before launch.', category: 'involvement' },
];
