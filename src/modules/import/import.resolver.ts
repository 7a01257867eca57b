import { Arg, Authorized, Ctx, Extensions, Mutation, Resolver } from 'type-graphql';
import { BULK_MUTATION, ONE_BULK_MUTATION } from '../../common/document-limits';
import { userError, UserErrorCode } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { ImportRecordsInput, MAX_IMPORT_RECORDS } from './import.inputs';
import { ImportRecordsPayload } from './import.payloads';
import { ImportService } from './import.service';

@Resolver()
export class ImportResolver {
  constructor(private readonly imports: ImportService) {}

  @Authorized('STAFF')
  @Extensions(BULK_MUTATION)
  @Mutation(() => ImportRecordsPayload, {
    description: `Staff: bring history into the ledger (go-live): providers, courses, certifications, completions, CPR/AED cards, petitions and decided applications, at most ${MAX_IMPORT_RECORDS} records a call. All or nothing: when any record is refused nothing is written, and every refused record says why. Importing a record again answers UNCHANGED; \`npm run import\` sends a JSONL file through the same import. ${ONE_BULK_MUTATION}`,
  })
  async importRecords(
    @Ctx() ctx: RequestContext,
    // Each record is validated on its own, so that its result names what is wrong with it.
    @Arg('input', { description: 'The records, and whether to only try them.', validate: false })
    input: ImportRecordsInput,
  ): Promise<ImportRecordsPayload> {
    const outcome = await this.imports.importRecords(ctx, input);
    const refused = outcome.summary.refused;
    return {
      ...outcome,
      userErrors: refused
        ? [
            userError(
              UserErrorCode.IMPORT_REFUSED,
              `${refused} of ${outcome.results.length} records were refused, so nothing was written; see the results.`,
              ['input', 'records'],
            ),
          ]
        : [],
    };
  }
}
