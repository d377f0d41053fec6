import type { Site } from './db/sites.ts';
import type { Viewer } from './domain/viewer.ts';

/** Bindings come from wrangler.toml (see worker-configuration.d.ts); Variables are set by middleware. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** The site resolved from the URL and checked against the request's Origin. */
    site: Site;
    /** Who is calling the widget API (set by the viewer middleware). */
    viewer: Viewer;
  };
}
