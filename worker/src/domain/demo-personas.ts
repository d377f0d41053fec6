/** The people the demo shop lets you "browse as". */
export const demoPersonas = {
  anna: { sub: 'demo-anna', name: 'Anna de Vries', email: 'anna@example.com', role: 'shopper' },
  eva: {
    sub: 'demo-eva',
    name: 'Eva Jansen',
    email: 'eva@noordkust.example',
    role: 'expert',
    products: ['nk-storm-jacket', 'nk-merino-base', 'nk-trail-runner', 'nk-daypack-24'],
  },
} as const satisfies Record<string, { sub: string; name: string; email: string; role: 'shopper' | 'expert'; products?: readonly string[] }>;
