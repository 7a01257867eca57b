import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../common/package-root';
import { DEMO_API_KEY } from '../seed/demo';

/** One tab of the explorer: an operation, its variables and the headers it is sent with. */
export interface ExplorerExample {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** The demo partner's API key, usable only against a database seeded with the demo data. */
export const DEMO_PROVIDER_KEY = `${DEMO_API_KEY.prefix}_${DEMO_API_KEY.secret}`;

/**
 * The client operations in `examples/` at the package root: the same files the typed documents
 * are generated from and the tests run, so the explorer never shows a stale copy. Found from this
 * file's directory upwards, which works from `src/explorer/` and from the built `dist/src/explorer/`.
 */
export function examplesDirectory(from: string = __dirname): string {
  return path.join(packageRoot(from), 'examples');
}

/**
 * A tab whose text is the intro comment and the given example files, read when the explorer page
 * is first built (never when the explorer is off, as in production).
 */
function tab(
  title: string,
  intro: string[],
  files: string[],
  options: Pick<ExplorerExample, 'variables' | 'headers'> = {},
): ExplorerExample {
  let query: string | undefined;
  return {
    title,
    get query(): string {
      query ??= [
        intro.map((line) => `# ${line}\n`).join(''),
        ...files.map((file) => readFileSync(path.join(examplesDirectory(), file), 'utf8')),
      ].join('\n');
      return query;
    },
    ...options,
  };
}

/**
 * Example operations for each kind of caller, opened as tabs. IDs are those of the demo data
 * (SEED_DEMO); tokens for the portal and staff come from `npm run token`.
 */
export const EXPLORER_EXAMPLES: ExplorerExample[] = [
  tab(
    'Anyone: the public catalogue',
    ['Anyone: the public catalogue. No Authorization header needed.'],
    ['catalogue/catalogue-search.graphql'],
    { variables: { first: 10 } },
  ),
  tab(
    'Provider partner: courses and completions',
    [
      'Provider partner: sends its API key as "Authorization: Bearer ceu_live_…".',
      'The demo partner Apex Fitness Education (prv_LDpf9z) has the demo-only key in the headers below.',
    ],
    ['provider/provider-viewer.graphql', 'provider/provider-courses.graphql', 'provider/report-completions.graphql'],
    {
      variables: {
        providerId: 'prv_LDpf9z',
        input: {
          idempotencyKey: 'apex-explorer-batch-1',
          rows: [
            {
              certificationNumber: 'CPT-1000001',
              lastName: 'Lopez',
              courseId: 'crs_TieM13',
              completedOn: '2026-11-01',
              externalRef: 'row-1',
            },
          ],
        },
      },
      headers: { Authorization: `Bearer ${DEMO_PROVIDER_KEY}` },
    },
  ),
  tab(
    'Trainer portal: transcript and compliance',
    [
      'Trainer portal: a trainer JWT. Mint one with',
      '  npm run token -- --role trainer --sub trn_qLnT7I',
      'and put it in the Authorization header below.',
    ],
    ['trainer/transcript.graphql'],
    {
      variables: { certificationId: 'crt_qLnT7I' },
      headers: { Authorization: 'Bearer <token from: npm run token -- --role trainer --sub trn_qLnT7I>' },
    },
  ),
  tab(
    'Staff: pending petitions and decisions',
    [
      'Staff: a staff JWT. Mint one with',
      '  npm run token -- --role staff --sub ann',
      'and put it in the Authorization header below.',
    ],
    ['staff/pending-reviews.graphql', 'staff/decide-petition.graphql'],
    {
      variables: { input: { petitionId: 'pet_LDpf9z', decision: 'APPROVE', awardedCeu: '1.0' } },
      headers: { Authorization: 'Bearer <token from: npm run token -- --role staff --sub ann>' },
    },
  ),
];
