/**
 * The import figure of `npm run bench`: a JSONL file of go-live history (providers, courses,
 * certifications and 200,000 completions) imported by `npm run import`'s program into a fresh
 * SQLite database, in a child process, measured as records a second and peak RSS. The floor it
 * is compared with, in the same run, is reading and parsing the same file line by line.
 */
import { spawn } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { openDatabase } from '../src/database/data-source';
import { Completion } from '../src/modules/completion/completion.entity';
import { Course } from '../src/modules/course/course.entity';
import { ImportRef } from '../src/modules/import/import-ref.entity';
import { Certification } from '../src/modules/trainer/trainer.entity';
import { addDays } from '../src/rules/calendar';
import { DATA_DIR } from './database';

export interface ImportScale {
  providers: number;
  coursesPerProvider: number;
  certifications: number;
  completionsPerCertification: number;
}

/** 100 providers, 2,000 courses, 20,000 certifications, 200,000 completions. */
export const IMPORT_SCALE: ImportScale = {
  providers: 100,
  coursesPerProvider: 20,
  certifications: 20_000,
  completionsPerCertification: 10,
};

export const IMPORT_TARGETS = { seconds: 60, peakRssMb: 300, rssGrowthMb: 50 } as const;

/** Bump when the generated file changes, so that a cached file of another shape is rebuilt. */
const GENERATOR_VERSION = 1;

export interface ImportFigure {
  scale: ImportScale;
  records: number;
  completions: number;
  fileMb: number;
  seconds: number;
  recordsPerSecond: number;
  peakRssMb: number;
  quarter: { records: number; seconds: number; peakRssMb: number };
  floor: { seconds: number; recordsPerSecond: number };
  verdicts: { name: string; target: string; value: string; met: boolean }[];
  passed: boolean;
  failures: string[];
}

const line = (record: unknown) => `${JSON.stringify(record)}\n`;

/**
 * Writes the history file: approved providers and courses covering 2024 to 2026, certifications
 * issued in 2024, and completions each on a different course of the holder's current cycle, so
 * that every record is valid and every completion counts automatically.
 */
async function writeHistory(file: string, scale: ImportScale): Promise<number> {
  const out = createWriteStream(file);
  let records = 0;
  const write = (record: unknown) =>
    new Promise<void>((resolve) => {
      records++;
      if (out.write(line(record))) resolve();
      else out.once('drain', resolve);
    });
  const courses = scale.providers * scale.coursesPerProvider;
  for (let p = 0; p < scale.providers; p++) {
    await write({
      provider: {
        externalId: `P${p}`,
        name: `Bench Provider ${p}`,
        contactEmail: `ce${p}@bench-provider.example`,
        status: 'APPROVED',
        approvedPeriods: [{ from: '2020-01-01' }],
      },
    });
  }
  for (let c = 0; c < courses; c++) {
    await write({
      course: {
        externalId: `C${c}`,
        providerExternalId: `P${c % scale.providers}`,
        code: `BENCH-${c}`,
        title: `Bench Course ${c}`,
        topics: ['PROGRAM_DESIGN'],
        deliveryFormat: 'LIVE_ONLINE',
        contactHours: `${1 + (c % 20)}.0`,
        status: 'APPROVED',
        approvalPeriods: [2024, 2025, 2026].map((y) => ({ from: `${y}-01-01`, through: `${y}-12-31` })),
      },
    });
  }
  for (let i = 0; i < scale.certifications; i++) {
    await write({
      certification: {
        externalId: `X${i}`,
        trainer: { externalId: `T${i}`, firstName: 'Bench', lastName: `Trainer${i}`, email: `t${i}@bench.example` },
        number: `BEN-${1_000_000 + i}`,
        issuedOn: addDays('2024-01-01', i % 300),
      },
    });
  }
  for (let i = 0; i < scale.certifications; i++) {
    for (let k = 0; k < scale.completionsPerCertification; k++) {
      await write({
        completion: {
          externalId: `K${i}-${k}`,
          certificationNumber: `BEN-${1_000_000 + i}`,
          courseExternalId: `C${(i * 7 + k) % courses}`,
          completedOn: addDays('2024-01-01', (i % 300) + k * 30),
          source: 'PROVIDER_REPORTED',
        },
      });
    }
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return records;
}

/** The history file, generated once and kept under bench/.data (regenerated when the generator changes). */
async function historyFile(
  name: string,
  scale: ImportScale,
  log: (line: string) => void,
): Promise<{ file: string; records: number }> {
  const dir = path.join(DATA_DIR, 'import');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.jsonl`);
  const marker = `${file}.json`;
  const expected = { version: GENERATOR_VERSION, scale };
  if (existsSync(file) && existsSync(marker)) {
    const seen = JSON.parse(readFileSync(marker, 'utf8')) as typeof expected & { records: number };
    if (JSON.stringify({ version: seen.version, scale: seen.scale }) === JSON.stringify(expected)) {
      return { file, records: seen.records };
    }
  }
  log(`writing the import history file ${name}.jsonl`);
  const records = await writeHistory(file, scale);
  writeFileSync(marker, JSON.stringify({ ...expected, records }));
  return { file, records };
}

function freshDatabase(name: string): string {
  const sqlitePath = path.join(DATA_DIR, 'import', name);
  for (const suffix of ['', '-wal', '-shm']) rmSync(sqlitePath + suffix, { force: true });
  return sqlitePath;
}

/** The peak RSS `npm run import` reports, in MB (NaN when it said none). */
function peakRss(output: string): number {
  const rss = /peak memory ([\d,]+) MB/.exec(output);
  return rss ? Number(rss[1].replace(/,/g, '')) : NaN;
}

/** The floor: read the file line by line and parse every line, nothing else. */
async function parseFloor(file: string): Promise<number> {
  const started = process.hrtime.bigint();
  let parsed = 0;
  for await (const text of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (JSON.parse(text)) parsed++;
  }
  if (parsed === 0) throw new Error('the history file is empty');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Runs the import program on the file into a fresh database; answers its output and wall time. */
function runImport(
  root: string,
  file: string,
  sqlitePath: string,
): Promise<{ output: string; seconds: number; code: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [path.join(root, 'dist/scripts/import.js'), file], {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'development', SQLITE_PATH: sqlitePath, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ output, seconds: Number(process.hrtime.bigint() - started) / 1e9, code: code ?? 1 }),
    );
  });
}

/** The same history at a quarter of the size: its peak RSS shows whether memory grows with the file. */
const QUARTER: ImportScale = { ...IMPORT_SCALE, certifications: IMPORT_SCALE.certifications / 4 };

export async function benchImport(root: string, log: (line: string) => void): Promise<ImportFigure> {
  const quarter = await historyFile('history-quarter', QUARTER, log);
  const quarterRun = await runImport(root, quarter.file, freshDatabase('import-quarter.sqlite'));
  const quarterRss = peakRss(quarterRun.output);
  log(
    `quarter size: ${quarter.records.toLocaleString('en-US')} records in ${quarterRun.seconds.toFixed(1)} s, peak RSS ${quarterRss} MB`,
  );
  const { file, records } = await historyFile('history', IMPORT_SCALE, log);
  const completions = IMPORT_SCALE.certifications * IMPORT_SCALE.completionsPerCertification;
  const fileMb = Number((readFileSync(file).length / 2 ** 20).toFixed(1));
  const floorSeconds = await parseFloor(file);
  const sqlitePath = freshDatabase('import-run.sqlite');
  log(`importing ${records.toLocaleString('en-US')} records (${fileMb} MB) into a fresh SQLite database`);
  const run = await runImport(root, file, sqlitePath);
  const failures: string[] = [];
  if (run.code !== 0) failures.push(`the import exited with ${run.code}:\n${run.output.slice(-2000)}`);
  if (quarterRun.code !== 0) failures.push(`the quarter-size import exited with ${quarterRun.code}`);
  const peakRssMb = peakRss(run.output);
  if (Number.isNaN(peakRssMb) || Number.isNaN(quarterRss)) failures.push('the import did not report its peak memory');
  // Every record must be in the database exactly once.
  const db = await openDatabase({ url: null, sqlitePath }, { migrate: false });
  try {
    const counts = {
      completions: await db.reader.count(Completion),
      courses: await db.reader.count(Course),
      certifications: await db.reader.count(Certification),
      refs: await db.reader.count(ImportRef),
    };
    const expected = {
      completions,
      courses: IMPORT_SCALE.providers * IMPORT_SCALE.coursesPerProvider,
      certifications: IMPORT_SCALE.certifications,
      // One per record, and one per trainer.
      refs: records + IMPORT_SCALE.certifications,
    };
    for (const [what, n] of Object.entries(expected)) {
      const got = counts[what as keyof typeof counts];
      if (got !== n) failures.push(`${what}: ${got} in the database, ${n} expected`);
    }
  } finally {
    await db.close();
  }
  const verdicts = [
    {
      name: `import of ${completions.toLocaleString('en-US')} completions`,
      target: `< ${IMPORT_TARGETS.seconds} s`,
      value: `${run.seconds.toFixed(1)} s`,
      met: run.seconds < IMPORT_TARGETS.seconds,
    },
    {
      name: 'memory flat with file size',
      target: `4× file: < +${IMPORT_TARGETS.rssGrowthMb} MB`,
      value: `+${peakRssMb - quarterRss} MB`,
      met: peakRssMb - quarterRss < IMPORT_TARGETS.rssGrowthMb,
    },
    {
      name: 'peak RSS of the import',
      target: `< ${IMPORT_TARGETS.peakRssMb} MB`,
      value: `${peakRssMb} MB`,
      met: peakRssMb < IMPORT_TARGETS.peakRssMb,
    },
  ];
  return {
    scale: IMPORT_SCALE,
    records,
    completions,
    fileMb,
    seconds: Number(run.seconds.toFixed(2)),
    recordsPerSecond: Math.round(records / run.seconds),
    peakRssMb,
    quarter: { records: quarter.records, seconds: Number(quarterRun.seconds.toFixed(2)), peakRssMb: quarterRss },
    floor: { seconds: Number(floorSeconds.toFixed(2)), recordsPerSecond: Math.round(records / floorSeconds) },
    verdicts,
    passed: failures.length === 0,
    failures,
  };
}

export function printImportFigure(figure: ImportFigure): void {
  const ratio = figure.seconds / figure.floor.seconds;
  console.log(
    `\nimport: ${figure.records.toLocaleString('en-US')} records (${figure.completions.toLocaleString('en-US')} completions, ` +
      `${figure.fileMb} MB of JSONL) by npm run import into a fresh SQLite database`,
  );
  console.log(
    `  import             ${figure.seconds.toFixed(1).padStart(7)} s  ${figure.recordsPerSecond.toLocaleString('en-US').padStart(9)} records/s  peak RSS ${figure.peakRssMb} MB`,
  );
  console.log(
    `  floor (read+parse) ${figure.floor.seconds.toFixed(1).padStart(7)} s  ${figure.floor.recordsPerSecond.toLocaleString('en-US').padStart(9)} records/s`,
  );
  console.log(
    `  quarter size       ${figure.quarter.seconds.toFixed(1).padStart(7)} s  ${Math.round(
      figure.quarter.records / figure.quarter.seconds,
    )
      .toLocaleString('en-US')
      .padStart(9)} records/s  peak RSS ${figure.quarter.peakRssMb} MB`,
  );
  console.log(`  import / floor     ${ratio.toFixed(1)}×`);
  console.log('\nimport targets:');
  for (const v of figure.verdicts)
    console.log(`  ${v.name.padEnd(34)} ${v.target.padEnd(9)} ${v.value.padStart(9)}  ${v.met ? 'MET' : 'NOT MET'}`);
  if (figure.failures.length)
    console.log(`\nimport FAILED checks:\n${figure.failures.map((f) => `  - ${f}`).join('\n')}`);
}
