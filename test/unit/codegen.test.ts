import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, Kind, OperationDefinitionNode, parse } from 'graphql';
import {
  checkExampleDocuments,
  ExampleProblem,
  GENERATED_FILE,
  loadExampleDocuments,
  operationNames,
  ROOT,
  SCHEMA_FILE,
} from '../../scripts/codegen';

/**
 * Typed client documents: examples/**\/*.graphql against schema.graphql, and the generated file.
 *
 * The codegen plugins need an ES-module-only dependency that jest's module loader cannot load, so
 * generation runs in a child Node process (TypeScript transpiled on load, as the tests are): the
 * exported functions with an edited schema, and the command line as CI runs it.
 */

const SDL = readFileSync(SCHEMA_FILE, 'utf8');
const loaded = loadExampleDocuments();
const { documents } = loaded;
const committed = readFileSync(GENERATED_FILE, 'utf8');

const TS_REGISTER = path.join(ROOT, 'test/support/ts-register.js');
const SCRIPT = path.join(ROOT, 'scripts/codegen.ts');

/** Runs scripts/codegen.ts's generateTypedDocuments on `sdl` and the examples, in a child process. */
function generate(sdl: string): { output?: string; problems?: ExampleProblem[] } {
  const child = `
    const codegen = require(${JSON.stringify(SCRIPT)});
    const sdl = require('node:fs').readFileSync(0, 'utf8');
    codegen
      .generateTypedDocuments(sdl, codegen.loadExampleDocuments().documents)
      .then((output) => ({ output }), (error) => {
        if (error instanceof codegen.ExampleDocumentsError) return { problems: error.problems };
        throw error;
      })
      .then((result) => process.stdout.write(JSON.stringify(result)));
  `;
  const res = spawnSync(process.execPath, ['-r', TS_REGISTER, '-e', child], {
    input: sdl,
    encoding: 'utf8',
    cwd: ROOT,
  });
  if (res.status !== 0) throw new Error(`codegen child failed (${res.status}): ${res.stderr}`);
  return JSON.parse(res.stdout) as { output?: string; problems?: ExampleProblem[] };
}

/** Runs the command line (`npm run codegen:check` runs the same with --check), optionally on another schema. */
function cli(args: string[], sdl?: string): { status: number | null; stdout: string; stderr: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ceu-codegen-'));
  try {
    const schemaArgs: string[] = [];
    if (sdl !== undefined) {
      writeFileSync(path.join(dir, 'schema.graphql'), sdl);
      schemaArgs.push('--schema', path.join(dir, 'schema.graphql'));
    }
    const outArgs = args.includes('--check') ? [] : ['--out', path.join(dir, 'graphql.ts')];
    const res = spawnSync(process.execPath, ['-r', TS_REGISTER, SCRIPT, ...args, ...schemaArgs, ...outArgs], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    const written = outArgs.length ? readFileSync(path.join(dir, 'graphql.ts'), 'utf8') : '';
    return { status: res.status, stdout: res.stdout + written, stderr: res.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The SDL with one line of one type (or input, or enum) changed; fails when nothing matched. */
function editType(sdl: string, header: string, from: RegExp | string, to: string): string {
  const start = sdl.indexOf(`\n${header} {`);
  expect(start).toBeGreaterThan(-1);
  const end = sdl.indexOf('\n}', start);
  const block = sdl.slice(start, end);
  const edited = block.replace(from, to);
  expect(edited).not.toBe(block);
  return sdl.slice(0, start) + edited + sdl.slice(end);
}

/** One `export type` declaration of a generated file (so a failure shows it, not the whole file). */
function declaration(output: string | undefined, name: string): string {
  const start = output?.search(new RegExp(`export type ${name} =[ \\n]`)) ?? -1;
  if (!output || start === -1) return `(no ${name})`;
  return output.slice(start, output.indexOf('\n\n', start));
}

function generationProblems(sdl: string): ExampleProblem[] {
  const { problems } = generate(sdl);
  if (!problems) throw new Error('generation succeeded');
  return problems;
}

function operations(): OperationDefinitionNode[] {
  return documents.flatMap(({ document }) =>
    document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION),
  );
}

describe('example operations', () => {
  it('parse, and cover each kind of client with named operations', () => {
    expect(loaded.problems).toEqual([]);
    const byClient = new Map<string, string[]>();
    for (const { file, document } of documents) {
      const client = file.split('/')[1];
      for (const definition of document.definitions) {
        const name = (definition as OperationDefinitionNode).name?.value;
        byClient.set(client, [...(byClient.get(client) ?? []), name ?? '(anonymous)']);
      }
    }
    expect([...byClient.keys()].sort()).toEqual(['catalogue', 'provider', 'staff', 'trainer']);
    for (const names of byClient.values()) expect(names.length).toBeGreaterThanOrEqual(4);
    const names = operationNames(documents);
    expect(new Set(names).size).toBe(names.length);
  });

  it('validate against schema.graphql', () => {
    expect(checkExampleDocuments(buildSchema(SDL), documents)).toEqual([]);
  });

  it('every mutation selects userErrors { code message field }', () => {
    const mutations = operations().filter((op) => op.operation === 'mutation');
    expect(mutations.length).toBeGreaterThanOrEqual(10);
    for (const mutation of mutations) {
      const [payload] = mutation.selectionSet.selections;
      const selected =
        payload.kind === Kind.FIELD
          ? payload.selectionSet?.selections.find((s) => s.kind === Kind.FIELD && s.name.value === 'userErrors')
          : undefined;
      const fields =
        selected?.kind === Kind.FIELD
          ? selected.selectionSet?.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : ''))
          : [];
      expect({ operation: mutation.name?.value, userErrors: [...(fields ?? [])].sort() }).toEqual({
        operation: mutation.name?.value,
        userErrors: ['code', 'field', 'message'],
      });
    }
  });

  it('a duplicate or missing operation name is refused, naming the files', () => {
    const copy = documents.find((d) => d.file.endsWith('catalogue-search.graphql'))!;
    const anonymous = '{ viewer { role } }';
    const problems = checkExampleDocuments(buildSchema(SDL), [
      ...documents,
      { ...copy, file: 'examples/other/copy.graphql' },
      { file: 'examples/other/anonymous.graphql', text: anonymous, document: parse(anonymous) },
    ]);
    expect(problems.map((p) => [p.file, p.operation, p.message])).toEqual([
      [
        'examples/other/copy.graphql',
        'CatalogueSearch',
        'The name CatalogueSearch is also used in examples/catalogue/catalogue-search.graphql; names must be unique across examples/.',
      ],
      ['examples/other/anonymous.graphql', null, 'Every example operation must have a name.'],
    ]);
  });
});

describe('generated typed documents', () => {
  it('the checked-in examples/generated/graphql.ts is what the generator produces now', () => {
    expect(generate(SDL)).toEqual({ output: committed });
    const check = cli(['--check']);
    expect(check.stderr).toBe('');
    expect(check.stdout).toMatch(
      /^examples\/generated\/graphql\.ts is up to date \(\d+ operations in \d+ files\)\.\n$/,
    );
    expect(check.status).toBe(0);
  });

  it('exports a typed document, result and variables types for every operation', () => {
    for (const op of operations()) {
      const name = op.name!.value;
      const kind = op.operation === 'query' ? 'Query' : 'Mutation';
      expect(committed).toContain(`export const ${name}Document = `);
      expect(committed).toContain(`as unknown as DocumentNode<${name}${kind}, ${name}${kind}Variables>;`);
      expect(committed).toContain(`export type ${name}${kind}Variables = `);
      expect(committed).toContain(`export type ${name}${kind} = `);
    }
  });

  it('maps the custom scalars to strings and enums to string unions, and emits only what the operations use', () => {
    expect(declaration(committed, 'RegisterCourseInput')).toContain('contactHours: string;'); // Decimal
    expect(declaration(committed, 'ReportCompletionInput')).toContain('completedOn: string;'); // Date
    expect(declaration(committed, 'CatalogueSearchQuery')).toContain('ceuValue: string | null,'); // Decimal
    expect(declaration(committed, 'ProviderCoursesQuery')).toContain('updatedAt: string }'); // DateTime
    expect(declaration(committed, 'DecisionLogQuery')).toContain('details: Record<string, unknown>'); // JSONObject
    expect(declaration(committed, 'CourseStatus')).toMatch(/\| 'APPROVED'/);
    expect(committed).not.toMatch(/^export (const )?enum |[:<] ?any\b/m);
    expect(committed).not.toMatch(/export type (Course|Transcript|Provider|SetFeeScheduleInput) = /);
  });
});

describe('a breaking schema change', () => {
  it('renaming a field an example selects fails validation, naming file, operation and field', () => {
    const sdl = editType(SDL, 'type Course implements Node', /\n {2}title: String!/, '\n  name: String!');
    expect(generationProblems(sdl)).toContainEqual({
      file: 'examples/catalogue/catalogue-search.graphql',
      operation: 'CatalogueSearch',
      message: 'Cannot query field "title" on type "Course".',
      line: expect.any(Number),
      column: expect.any(Number),
    });
    const check = cli(['--check'], sdl);
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(
      /^ {2}examples\/catalogue\/catalogue-search\.graphql:\d+:\d+ \(operation CatalogueSearch\): Cannot query field "title" on type "Course"\.$/m,
    );
  });

  it('removing a field fails every operation that selects it', () => {
    const sdl = editType(SDL, 'type Course implements Node', /\n {2}"""[^"]*"""\n {2}approvedThrough: Date\n/, '\n');
    const problems = generationProblems(sdl);
    expect([...new Set(problems.map((p) => p.operation))].sort()).toEqual([
      'CatalogueSearch',
      'CourseDetail',
      'ProviderCourses',
      'RenewCourse',
      'ReviewCourse',
    ]);
    for (const problem of problems)
      expect(problem.message).toBe('Cannot query field "approvedThrough" on type "Course".');
  });

  it.each([
    [
      'an object field becomes a scalar',
      'type Course implements Node',
      /\n {2}provider: Provider!/,
      '\n  provider: String!',
      'CatalogueSearch',
      /must not have a selection since type "String!" has no subfields/,
    ],
    [
      'an enum value used as a literal is removed',
      'enum CourseStatus',
      /\n {2}"""[^"]*"""\n {2}PENDING_REVIEW\n/,
      '\n',
      'PendingReviews',
      /Value "PENDING_REVIEW" does not exist in "CourseStatus" enum/,
    ],
    [
      'an argument is removed',
      'type Query',
      /\n {4}"""Read the transcript as of this date; default today\."""\n {4}asOf: Date\n/,
      '\n',
      'TrainerTranscript',
      /Unknown argument "asOf" on field "Query\.transcript"/,
    ],
    [
      'a required argument is added',
      'type Query',
      /\n {2}viewer: Viewer!/,
      '\n  viewer(as: ID!): Viewer!',
      'TrainerViewer',
      /argument "as" of type "ID!" is required/,
    ],
  ])('%s: refused by the check, naming the operation', (_name, header, from, to, operation, message) => {
    const sdl = editType(SDL, header, from, to);
    const check = cli(['--check'], sdl);
    expect(check.status).toBe(1);
    expect(generate(sdl).problems).toContainEqual(
      expect.objectContaining({ operation, message: expect.stringMatching(message) }),
    );
    expect(check.stderr).toContain(`(operation ${operation})`);
  });

  it('changing the type of a selected field changes the generated types, which the check catches', () => {
    // Course.title becomes nullable: the documents still validate, but their result type changes.
    const sdl = editType(SDL, 'type Course implements Node', /\n {2}title: String!/, '\n  title: String');
    const { output } = generate(sdl);
    expect(output).toBeDefined();
    expect(output).not.toBe(committed);
    expect(declaration(output, 'CatalogueSearchQuery')).toContain('code: string, title: string | null,');
    expect(declaration(committed, 'CatalogueSearchQuery')).toContain('code: string, title: string,');
    const check = cli(['--check'], sdl);
    expect(check.status).toBe(1);
    expect(check.stderr).toContain(
      'examples/generated/graphql.ts is out of date: run `npm run codegen` and commit the result.',
    );
  });

  it('changing an input type changes the variables types, which the check catches', () => {
    // A new required input field: clients must send it, so their variables type changes.
    const sdl = editType(SDL, 'input RegisterCourseInput', /\n {2}description: String\n/, '\n  description: String!\n');
    expect(declaration(generate(sdl).output, 'RegisterCourseInput')).toContain('\n  description: string;');
    expect(cli(['--check'], sdl).status).toBe(1);
  });

  it('a change the examples do not use leaves the generated file as it is', () => {
    const sdl = editType(
      SDL,
      'type Transcript',
      /\n {2}"""The cycle shown\."""\n/,
      '\n  """Added."""\n  addedForTest: Int\n\n  """The cycle shown."""\n',
    );
    expect(generate(sdl)).toEqual({ output: committed });
    expect(cli(['--check'], sdl).status).toBe(0);
  });

  it('without --check, writes the file (here to --out)', () => {
    const res = cli([]);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^wrote .*graphql\.ts \(\d+ operations in \d+ files\)\.\n/);
    expect(res.stdout.slice(res.stdout.indexOf('\n') + 1)).toBe(committed);
  });
});
