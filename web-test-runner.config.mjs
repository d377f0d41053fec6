// @ts-check
/**
 * Component tests for the widget: @web/test-runner in real Chromium (via puppeteer-core),
 * TypeScript compiled by esbuild with the root tsconfig so `useDefineForClassFields: false`
 * keeps class fields from shadowing Lit's reactive accessors.
 *
 * Run: npx wtr   (found automatically; Node 24 strips the types of the .ts files it imports)
 * Set SAMEN_WTR_RESULTS=<file> to get {"passed":N,"failed":N} written there at the end.
 */
import { chromeLauncher, defaultReporter } from '@web/test-runner';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';
import { countReporter } from './test/widget/count-reporter.mjs';
import { listFilesPlugin } from './test/widget/i18n-complete-plugin.mjs';

/**
 * `executeServerCommand('samen-ax-tree')` returns Chromium's full accessibility tree of the test
 * page. (The stock a11ySnapshot command prunes "uninteresting" nodes such as tablist and tabpanel.)
 * @type {import('@web/test-runner').TestRunnerPlugin}
 */
const axTreePlugin = {
  name: 'samen-ax-tree',
  async executeCommand({ command, session }) {
    if (command !== 'samen-ax-tree') return undefined;
    const browser = /** @type {import('@web/test-runner-chrome').ChromeLauncher} */ (session.browser);
    return browser.getPage(session.id).accessibility.snapshot({ interestingOnly: false });
  },
};

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: '.',
  files: ['test/widget/**/*.test.ts'],
  nodeResolve: true,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), axTreePlugin, listFilesPlugin],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: await chromiumPath(), headless: true, args: chromiumArgs },
    }),
  ],
  // Lit's dev build stays on (it warns about class fields shadowing accessors); only its banner is dropped.
  filterBrowserLogs: ({ args }) => !(typeof args[0] === 'string' && args[0].startsWith('Lit is in dev mode')),
  testFramework: { config: { timeout: 5000 } },
  browserStartTimeout: 30_000,
  testsFinishTimeout: 60_000,
  reporters: [defaultReporter(), countReporter({ outputFile: process.env.SAMEN_WTR_RESULTS })],
};
