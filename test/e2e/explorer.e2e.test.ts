import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, OperationDefinitionNode, parse, print, validate } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { Browser, chromium } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { EXPLORER_EXAMPLES } from '../../src/explorer/examples';
import { loadExampleDocuments } from '../../scripts/codegen';
import { data, PRODUCTION_ENV, startTestApp, TestApp } from '../support/harness';

/** The offline GraphiQL explorer: development only, served from the installed packages. */

const CHROMIUM = '/usr/bin/chromium';
const PRODUCTION = PRODUCTION_ENV;
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const CATALOGUE = '{ courses(first: 1) { totalCount } }';

const page = (t: TestApp, accept = BROWSER_ACCEPT) => t.http('/graphql', { headers: { accept } });

describe('explorer examples', () => {
  const schema = buildSchema(readFileSync(path.join(__dirname, '../../schema.graphql'), 'utf8'));

  it('offers a tab for the public, a provider partner, the trainer portal and staff', () => {
    expect(EXPLORER_EXAMPLES).toHaveLength(4);
    expect(EXPLORER_EXAMPLES[0].query).toMatch(
      /query CatalogueSearch\([\s\S]*courses\(first: \$first[\s\S]*provider \{\s*id\s*name/,
    );
    expect(EXPLORER_EXAMPLES[0].variables).toEqual({ first: 10 });
    expect(EXPLORER_EXAMPLES[0].headers).toBeUndefined();
    expect(EXPLORER_EXAMPLES[1].query).toMatch(/reportCompletions/);
    expect(EXPLORER_EXAMPLES[2].query).toMatch(/transcript\(certificationId:[\s\S]*compliance \{/);
    expect(EXPLORER_EXAMPLES[3].query).toMatch(
      /petitions\(first: \$first, filter: \{ status: PENDING \}\)[\s\S]*decidePetition/,
    );
    for (const example of EXPLORER_EXAMPLES.slice(1)) {
      expect(example.headers?.Authorization).toMatch(/^Bearer /);
    }
  });

  it('shows the operations of examples/, the ones the typed clients are generated from', () => {
    const examples = new Map<string, string>();
    for (const { document } of loadExampleDocuments().documents) {
      for (const definition of document.definitions) {
        examples.set((definition as OperationDefinitionNode).name!.value, print(definition));
      }
    }
    for (const example of EXPLORER_EXAMPLES) {
      for (const definition of parse(example.query).definitions) {
        const name = (definition as OperationDefinitionNode).name!.value;
        expect([name, print(definition)]).toEqual([name, examples.get(name)]);
      }
    }
  });

  it.each(EXPLORER_EXAMPLES.map((example) => [example.title, example] as const))(
    '%s: validates against the schema, variables included',
    (_title, example) => {
      const document = parse(example.query);
      expect(validate(schema, document).map((e) => e.message)).toEqual([]);
      for (const definition of document.definitions) {
        const operation = definition as OperationDefinitionNode;
        const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], example.variables ?? {});
        expect(coerced.errors?.map((e) => e.message)).toBeUndefined();
      }
    },
  );

  it('EXPLORER defaults to on in development, off in test and production, and is refused in production', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).explorer).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).explorer).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', EXPLORER: 'true' }).explorer).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', EXPLORER: 'off' }).explorer).toBe(false);
    expect(loadConfig(PRODUCTION).explorer).toBe(false);
    expect(() => loadConfig({ ...PRODUCTION, EXPLORER: 'true' })).toThrow(/EXPLORER must be false/);
    expect(() => loadConfig({ EXPLORER: 'maybe' })).toThrow(/EXPLORER must be true or false/);
  });
});

describe('explorer over HTTP, when enabled', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { EXPLORER: 'true' } });
  });
  afterAll(() => t.close());

  it('GET /graphql from a browser answers the GraphiQL page, with no external URL', async () => {
    const res = await page(t);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/GraphiQL\.createFetcher/);
    expect(html).toMatch(/defaultTabs/);
    expect(html).toMatch(/Authorization: Bearer &lt;token&gt;/);
    const sources = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(sources.sort()).toEqual([
      '/explorer/assets/graphiql.css',
      '/explorer/assets/graphiql.js',
      '/explorer/assets/react-dom.js',
      '/explorer/assets/react.js',
    ]);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it.each([
    ['react.js', /javascript/, 'react.production.min.js'],
    ['react-dom.js', /javascript/, 'react-dom.production.min.js'],
    ['graphiql.js', /javascript/, 'GraphiQL'],
    ['graphiql.css', /^text\/css/, '.graphiql-container'],
  ])('GET /explorer/assets/%s is served from the installed package', async (name, type, marker) => {
    const res = await t.http(`/explorer/assets/${name}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(await res.text()).toContain(marker);
  });

  it('an unknown asset is the JSON 404', async () => {
    const res = await t.http('/explorer/assets/..%2Fpackage.json');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });

  it('GET /graphql asking for JSON still reaches the API', async () => {
    const res = await t.http(`/graphql?query=${encodeURIComponent(CATALOGUE)}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toMatchObject({ data: { courses: { totalCount: 0 } } });
  });

  it('POST /graphql is unchanged', async () => {
    expect(data(await t.gql(CATALOGUE))).toEqual({ courses: { totalCount: 0 } });
  });
});

describe.each([
  ['in production', PRODUCTION],
  ['in test mode without EXPLORER', {}],
])('explorer %s', (_name, env) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env });
  });
  afterAll(() => t.close());

  it('GET /graphql from a browser gets no GraphiQL page (nor Apollo landing page)', async () => {
    const res = await page(t);
    expect(res.headers.get('content-type') ?? '').not.toMatch(/html/);
    const body = await res.text();
    expect(body).not.toMatch(/graphiql|<html|apollo.*sandbox|embeddable/i);
  });

  it('the assets are not served', async () => {
    expect((await t.http('/explorer/assets/graphiql.js')).status).toBe(404);
  });

  it('POST /graphql still works', async () => {
    expect(data(await t.gql(CATALOGUE))).toEqual({ courses: { totalCount: 0 } });
  });
});

const hasChromium = existsSync(CHROMIUM);
const browserSuite = hasChromium ? describe : describe.skip;

browserSuite(
  hasChromium
    ? 'explorer in a browser (offline)'
    : `explorer in a browser: SKIPPED, chromium not installed at ${CHROMIUM}: apt-get install chromium`,
  () => {
    let t: TestApp;
    let browser: Browser;
    beforeAll(async () => {
      t = await startTestApp({ env: { EXPLORER: 'true' } });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });
    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

    it('runs the catalogue tab and shows the server’s answer, with every other host blocked', async () => {
      const origin = `http://127.0.0.1:${t.app.port}`;
      const context = await browser.newContext();
      const tab = await context.newPage();
      const blocked: string[] = [];
      const problems: string[] = [];
      await tab.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(`${origin}/`)) return route.continue();
        blocked.push(url);
        return route.abort();
      });
      tab.on('pageerror', (error) => problems.push(error.message));
      try {
        const res = await tab.goto(`${origin}/graphql`);
        expect(res?.status()).toBe(200);
        await tab.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 30000 });
        await tab.waitForSelector('.graphiql-execute-button', { timeout: 30000 });
        const tabs = tab.locator('.graphiql-tab');
        expect(await tabs.count()).toBe(EXPLORER_EXAMPLES.length);
        await tab.click('.graphiql-execute-button');
        const result = tab.locator('.graphiql-response').filter({ hasText: '"courses"' });
        await result.waitFor({ timeout: 30000 });
        expect((await result.innerText()).replace(/\s+/g, ' ')).toMatch(/"data": \{ "courses": \{ "totalCount": 0/);
        expect(blocked).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  },
);
