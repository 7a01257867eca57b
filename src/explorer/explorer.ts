import path from 'node:path';
import { NextFunction, Request, Response, Router } from 'express';
import { DEMO_PROVIDER_KEY, EXPLORER_EXAMPLES, ExplorerExample } from './examples';

/** Where the explorer's scripts and styles are served from; never a CDN. */
export const EXPLORER_ASSETS = '/explorer/assets';

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

/** The installed files the page loads, by the name they are served under. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: path.join(packageDir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': {
    file: path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
    type: 'text/javascript',
  },
  'graphiql.js': { file: path.join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: path.join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

/** JSON that is safe inside an inline <script>. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function tab(example: ExplorerExample): { query: string; variables?: string; headers?: string } {
  return {
    query: example.query,
    ...(example.variables ? { variables: JSON.stringify(example.variables, null, 2) } : {}),
    ...(example.headers ? { headers: JSON.stringify(example.headers, null, 2) } : {}),
  };
}

/** The explorer page: GraphiQL with one tab per example, loaded from this server only. */
export function explorerPage(endpoint = '/graphql'): string {
  const tabs = EXPLORER_EXAMPLES.map(tab);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ceu-ledger explorer</title>
<link rel="stylesheet" href="${EXPLORER_ASSETS}/graphiql.css">
<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
  #auth-note { padding: 6px 12px; font-size: 13px; background: #f4f6f8; border-bottom: 1px solid #d8dde3; }
  #auth-note code { font-size: 12px; }
  #graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<div id="auth-note">
  <strong>ceu-ledger explorer</strong> (development only). Callers other than the anonymous public send
  <code>Authorization: Bearer &lt;token&gt;</code> in the Headers pane. Local demo: the provider partner key
  <code>${DEMO_PROVIDER_KEY}</code>; portal and staff tokens from
  <code>npm run token -- --role trainer --sub trn_qLnT7I</code> or <code>npm run token -- --role staff --sub ann</code>.
</div>
<div id="graphiql">Loading the explorer…</div>
<script src="${EXPLORER_ASSETS}/react.js"></script>
<script src="${EXPLORER_ASSETS}/react-dom.js"></script>
<script src="${EXPLORER_ASSETS}/graphiql.js"></script>
<script>
  (function () {
    var tabs = ${scriptJson(tabs)};
    var fetcher = GraphiQL.createFetcher({ url: ${scriptJson(endpoint)} });
    var root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(
      React.createElement(GraphiQL, {
        fetcher: fetcher,
        defaultTabs: tabs,
        defaultEditorToolsVisibility: true,
        shouldPersistHeaders: false,
      }),
    );
  })();
</script>
</body>
</html>
`;
}

/** Whether a request is a browser asking for a page rather than a client asking for data. */
function wantsPage(req: Request): boolean {
  return req.method === 'GET' && req.accepts(['application/json', 'text/html']) === 'text/html';
}

/**
 * The offline explorer: GET /graphql from a browser answers the GraphiQL page, and its scripts
 * and styles come from the installed packages under /explorer/assets. Everything else passes on.
 */
export function explorerRouter(endpoint = '/graphql'): Router {
  const router = Router();
  const page = explorerPage(endpoint);
  router.get(endpoint, (req: Request, res: Response, next: NextFunction) => {
    if (!wantsPage(req)) return next();
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(page);
  });
  router.get(`${EXPLORER_ASSETS}/:name`, (req: Request, res: Response, next: NextFunction) => {
    const name = String(req.params.name);
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return next();
    res.type(`${asset.type}; charset=utf-8`);
    res.sendFile(asset.file, { maxAge: '1h' });
  });
  return router;
}
