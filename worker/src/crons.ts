/** The Cron Triggers of wrangler.toml, named (the scheduled handler dispatches on them; `npm start` fires the nightly one once). */
export const NIGHTLY_CRON = '0 3 * * *';
