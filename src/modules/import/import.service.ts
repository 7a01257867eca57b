import { refuse, UserErrorCode } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { Database } from '../../database/database';
import { insertMany } from '../../database/insert-many';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { ImportBatch, RECORD_FIELDS } from './import.batch';
import { CatalogueImport } from './import.catalogue';
import { ImportRecordsInput, MAX_IMPORT_RECORDS } from './import.inputs';
import { ImportRecordResult, ImportSummary } from './import.payloads';
import { PeopleImport } from './import.people';
import { ImportRef } from './import-ref.entity';
import { ImportTargets } from './import.targets';
import { TranscriptImport } from './import.transcript';

export interface ImportOutcome {
  results: ImportRecordResult[];
  summary: ImportSummary;
  committed: boolean;
}

function summarize(results: ImportRecordResult[]): ImportSummary {
  const count = (status: ImportRecordResult['status']) => results.filter((r) => r.status === status).length;
  return { created: count('CREATED'), unchanged: count('UNCHANGED'), refused: count('REFUSED') };
}

/**
 * The go-live import: records of every kind, checked together and written together in one unit
 * of work, or not at all. The API's `importRecords` and `npm run import` both come here.
 */
export class ImportService {
  constructor(
    private readonly db: Database,
    private readonly decisions: DecisionLogService,
  ) {}

  importRecords(ctx: RequestContext, input: ImportRecordsInput): Promise<ImportOutcome> {
    const count = input.records.length;
    if (count === 0) refuse(UserErrorCode.REQUIRED, 'Give at least one record.', ['input', 'records']);
    if (count > MAX_IMPORT_RECORDS) {
      refuse(
        UserErrorCode.TOO_MANY_ITEMS,
        `At most ${MAX_IMPORT_RECORDS} records a call; this one has ${count}. Send them in several calls.`,
        ['input', 'records'],
      );
    }
    return this.db.uow.run(async (em) => {
      const batch = new ImportBatch(em, ctx, input.records);
      await batch.classify();
      const targets = new ImportTargets(batch);
      await targets.loadPrograms();
      const catalogue = new CatalogueImport(batch, targets);
      const people = new PeopleImport(batch, targets);
      const transcript = new TranscriptImport(batch, targets);
      // Each kind after the kinds it refers to.
      await catalogue.checkProviders();
      await catalogue.checkCourses();
      await people.checkCertifications();
      await people.checkCards();
      await transcript.checkCompletions();
      await transcript.checkPetitions();
      await transcript.checkApplications();
      batch.settleRepeats();
      const committed = !batch.anyRefused && !input.dryRun;
      if (committed) {
        await catalogue.writeProviders();
        await catalogue.writeCourses();
        const trainers = await people.writeCertifications();
        await people.writeCards();
        await transcript.writeCompletions();
        await transcript.writePetitions();
        await transcript.writeApplications();
        const created = batch.items.filter((i) => i.result.status === 'CREATED');
        await insertMany(em, ImportRef, [
          ...trainers.map((t) => ({
            kind: 'TRAINER' as const,
            externalId: t.externalId,
            entityId: t.entityId,
            contentHash: t.hash,
            importedAt: ctx.now,
          })),
          ...created.map((i) => ({
            kind: RECORD_FIELDS[i.field].ref,
            externalId: i.externalId,
            entityId: i.target?.id as number,
            contentHash: i.hash,
            importedAt: ctx.now,
          })),
        ]);
      }
      batch.settleIds();
      const results = batch.items.map((i) => i.result);
      const summary = summarize(results);
      if (committed) {
        await this.decisions.record(em, ctx, {
          action: 'RECORDS_IMPORTED',
          subjectType: 'Import',
          subjectId: 0,
          details: {
            ...summary,
            byKind: Object.fromEntries(
              Object.values(RECORD_FIELDS).map(({ kind }) => [
                kind,
                results.filter((r) => r.kind === kind && r.status === 'CREATED').length,
              ]),
            ),
          },
        });
      }
      return { results, summary, committed };
    });
  }
}
