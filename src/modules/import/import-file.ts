import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Database } from '../../database/database';
import { MAX_IMPORT_RECORDS } from './import.inputs';
import { ImportAnswer, ImportInputError, ImportRunner } from './import-runner';

export interface FileImportOptions {
  /** Check every record, writing nothing. */
  dryRun: boolean;
  /** Records a call (1 to 1,000). */
  batchSize: number;
  /** Called after each batch with the number of lines read so far. */
  onProgress?: (linesDone: number) => void;
}

export interface LineRefusal {
  line: number;
  code: string;
  field: string;
  message: string;
}

export interface FileImportReport {
  lines: number;
  records: number;
  created: number;
  unchanged: number;
  refused: number;
  batches: number;
  byCode: Record<string, number>;
  /** The first refusals, with their line numbers (at most `REFUSALS_KEPT`). */
  refusals: LineRefusal[];
  /** Set when an import (not a dry run) stopped at a refused batch: its first line. */
  stoppedAtLine: number | null;
}

/** Refusals kept with their line numbers; the rest are counted by code. */
export const REFUSALS_KEPT = 200;

class DryRunEnd extends Error {}

/** The lines of a JSONL file with their numbers, read as a stream (memory stays flat). */
async function* linesOf(path: string): AsyncGenerator<{ line: number; text: string }> {
  const reader = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of reader) {
    line++;
    if (text.trim()) yield { line, text };
  }
}

/** Counts the lines of a file without holding it in memory, for the progress bar. */
export async function countLines(path: string): Promise<number> {
  let count = 0;
  let last = 10;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) count++;
    last = chunk[chunk.length - 1];
  }
  return last === 10 ? count : count + 1;
}

/**
 * Imports a JSONL file, one `ImportRecordInput` per line, in calls of `batchSize` records
 * through `importRecords`. Each call is all or nothing; an import stops at the first refused
 * call (the calls before it are written, and a new run answers them UNCHANGED). A dry run
 * writes every call inside one transaction that it rolls back, so that later lines may refer
 * to earlier ones as in a real import, and checks the whole file.
 */
export async function importFile(
  runner: ImportRunner,
  db: Database,
  path: string,
  options: FileImportOptions,
): Promise<FileImportReport> {
  const size = Math.min(Math.max(1, options.batchSize), MAX_IMPORT_RECORDS);
  const report: FileImportReport = {
    lines: 0,
    records: 0,
    created: 0,
    unchanged: 0,
    refused: 0,
    batches: 0,
    byCode: {},
    refusals: [],
    stoppedAtLine: null,
  };
  /** One refused record, with each of its reasons. */
  const refuse = (refusals: LineRefusal[]) => {
    report.refused++;
    for (const refusal of refusals) {
      report.byCode[refusal.code] = (report.byCode[refusal.code] ?? 0) + 1;
      if (report.refusals.length < REFUSALS_KEPT) report.refusals.push(refusal);
    }
  };

  /** Sends one call; false when it was refused. */
  const sendBatch = async (batch: { line: number; record: unknown }[], malformed: number): Promise<boolean> => {
    report.batches++;
    let refusedHere = malformed;
    let answer: ImportAnswer | null = null;
    try {
      answer = batch.length
        ? await runner.send(
            batch.map((b) => b.record),
            malformed > 0,
          )
        : null;
    } catch (error) {
      if (!(error instanceof ImportInputError)) throw error;
      // Some records are not ImportRecordInputs: name them, and check the others without writing.
      const shaped = batch.filter((b) => {
        const errors = runner.shapeErrors(b.record);
        if (errors.length) {
          refusedHere++;
          refuse(
            errors.map((e) => ({ line: b.line, code: e.code, field: (e.field ?? []).join('.'), message: e.message })),
          );
        }
        return errors.length === 0;
      });
      batch = shaped;
      answer = batch.length
        ? await runner.send(
            batch.map((b) => b.record),
            true,
          )
        : null;
    }
    for (const result of answer?.results ?? []) {
      const line = batch[result.index].line;
      if (result.status === 'REFUSED') {
        refusedHere++;
        // Field paths without the leading input.records.N.
        refuse(
          result.errors.map((e) => ({
            line,
            code: e.code,
            field: (e.field ?? []).slice(3).join('.'),
            message: e.message,
          })),
        );
      }
    }
    if (refusedHere === 0 && answer) {
      report.created += answer.summary.created;
      report.unchanged += answer.summary.unchanged;
    }
    if (refusedHere > 0) {
      if (!options.dryRun && report.stoppedAtLine === null) report.stoppedAtLine = batch[0]?.line ?? null;
      return false;
    }
    return true;
  };

  const run = async () => {
    let batch: { line: number; record: unknown }[] = [];
    let malformed = 0;
    let lastLine = 0;
    const flush = async (): Promise<boolean> => {
      const ok = await sendBatch(batch, malformed);
      batch = [];
      malformed = 0;
      options.onProgress?.(lastLine);
      return ok || options.dryRun;
    };
    for await (const { line, text } of linesOf(path)) {
      lastLine = line;
      report.lines = line;
      report.records++;
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        refuse([{ line, code: 'INVALID_FORMAT', field: '', message: 'The line is not valid JSON.' }]);
        malformed++;
        continue;
      }
      batch.push({ line, record });
      if (batch.length + malformed >= size && !(await flush())) return;
    }
    if (batch.length + malformed > 0) await flush();
  };

  if (!options.dryRun) {
    await run();
    return report;
  }
  try {
    await db.uow.run(async () => {
      await run();
      throw new DryRunEnd();
    });
  } catch (error) {
    if (!(error instanceof DryRunEnd)) throw error;
  }
  return report;
}
