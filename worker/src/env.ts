import type { Site } from './db/sites.ts';

/** Bindings come from wrangler.toml (see worker-configuration.d.ts); Variables are set by middleware. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The site resolved from the URL and checked against the request's Origin. */
    site: Site;
  };
}
