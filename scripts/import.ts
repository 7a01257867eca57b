import 'reflect-metadata';
import { existsSync, statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { systemClock } from '../src/common/clock';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/database/data-source';
import { countLines, FileImportReport, importFile, REFUSALS_KEPT } from '../src/modules/import/import-file';
import { ImportRunner } from '../src/modules/import/import-runner';
import { MAX_IMPORT_RECORDS } from '../src/modules/import/import.inputs';
import { buildAppSchema } from '../src/schema';
import { createServices, resolverContainer } from '../src/services';

/**
 * Imports history from a JSONL file into the configured database (SQLITE_PATH, or DATABASE_URL):
 * one ImportRecordInput per line, sent in calls of up to 1,000 records through importRecords.
 *
 *   npm run import -- history.jsonl             import; stops at the first refused call
 *   npm run import -- history.jsonl --dry-run   check the whole file, write nothing
 *   options: --batch N (records a call, 1–1000), --staff NAME (who the decision log names)
 *
 * Exit status: 0 when every record was created or unchanged, 1 when any was refused, 2 for a
 * usage error.
 */

const USAGE = 'usage: npm run import -- FILE.jsonl [--dry-run] [--batch N] [--staff NAME]';

class UsageError extends Error {}

interface Options {
  file: string;
  dryRun: boolean;
  batch: number;
  staff: string;
}

function parseArguments(argv: readonly string[]): Options {
  const options: Options = { file: '', dryRun: false, batch: MAX_IMPORT_RECORDS, staff: 'import' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--dry-run') options.dryRun = true;
    else if (flag === '--batch') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > MAX_IMPORT_RECORDS) {
        throw new UsageError(`--batch takes a whole number from 1 to ${MAX_IMPORT_RECORDS}.`);
      }
      options.batch = n;
    } else if (flag === '--staff') {
      options.staff = (value() ?? '').trim();
      if (!options.staff) throw new UsageError('--staff takes a name.');
    } else if (flag.startsWith('--')) throw new UsageError(`unknown option ${flag}`);
    else if (options.file) throw new UsageError('give one file.');
    else options.file = argv[i];
  }
  if (!options.file) throw new UsageError('name the JSONL file to import.');
  if (!existsSync(options.file) || !statSync(options.file).isFile()) {
    throw new UsageError(`no file at ${options.file}`);
  }
  return options;
}

const number = (n: number) => n.toLocaleString('en-US');

function printReport(report: FileImportReport, options: Options, seconds: number): void {
  const rate = seconds > 0 ? Math.round(report.records / seconds) : report.records;
  const verb = options.dryRun ? 'Checked (dry run, nothing written)' : 'Imported';
  console.log(
    `${verb} ${options.file}: ${number(report.records)} records in ${number(report.batches)} ${report.batches === 1 ? 'call' : 'calls'}, ` +
      `${seconds.toFixed(1)} s (${number(rate)} a second).`,
  );
  const would = options.dryRun ? 'would be created' : 'created';
  console.log(
    `  ${would} ${number(report.created)}, unchanged ${number(report.unchanged)}, refused ${number(report.refused)}`,
  );
  // maxRSS is in kilobytes.
  console.log(`  peak memory ${number(Math.round(process.resourceUsage().maxRSS / 1024))} MB`);
  if (report.refused) {
    const codes = Object.entries(report.byCode)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ×${number(n)}`)
      .join(', ');
    console.log(`  refused by code: ${codes}`);
    for (const r of [...report.refusals].sort((a, b) => a.line - b.line)) {
      console.log(`  line ${r.line}${r.field ? ` (${r.field})` : ''}: ${r.code}: ${r.message}`);
    }
    const shown = report.refusals.length;
    const total = Object.values(report.byCode).reduce((a, b) => a + b, 0);
    if (total > shown)
      console.log(`  … and ${number(total - shown)} more reasons (the first ${REFUSALS_KEPT} are listed).`);
  }
  if (report.stoppedAtLine !== null) {
    console.log(
      `  Stopped at the call starting on line ${report.stoppedAtLine}: nothing of that call was written; the calls before it were. ` +
        'Fix the lines above and run the import again: records already written answer UNCHANGED.',
    );
  }
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const config = loadConfig();
  const db = await openDatabase({ url: config.databaseUrl, sqlitePath: config.sqlitePath });
  try {
    const schema = await buildAppSchema(resolverContainer(createServices(db)));
    const runner = new ImportRunner(schema, db, systemClock, options.staff);
    const total = await countLines(options.file);
    const started = Date.now();
    const terminal = Boolean(process.stderr.isTTY);
    const bar = terminal
      ? new SingleBar({
          format: '  {bar} {percentage}% | {value}/{total} lines | {eta_formatted} left',
          stream: process.stderr,
          hideCursor: true,
        })
      : null;
    bar?.start(total, 0);
    let lastPrinted = 0;
    const report = await importFile(runner, db, options.file, {
      dryRun: options.dryRun,
      batchSize: options.batch,
      onProgress: (done) => {
        if (bar) bar.update(done);
        else if (done - lastPrinted >= 10_000 || done === total) {
          lastPrinted = done;
          console.log(`  ${number(done)} of ${number(total)} lines, ${((Date.now() - started) / 1000).toFixed(1)} s`);
        }
      },
    });
    bar?.update(report.lines);
    bar?.stop();
    printReport(report, options, (Date.now() - started) / 1000);
    if (report.refused) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
