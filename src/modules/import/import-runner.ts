import { randomUUID } from 'node:crypto';
import { coerceInputValue, execute, GraphQLInputObjectType, GraphQLSchema, parse } from 'graphql';
import { Clock, timestamp, today } from '../../common/clock';
import { userError, UserError, UserErrorCode } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { Database } from '../../database/database';
import { createLoaders } from '../../loaders';
import { ImportRecordResult, ImportSummary } from './import.payloads';

const IMPORT_DOCUMENT = parse(`mutation Import($input: ImportRecordsInput!) {
  importRecords(input: $input) {
    committed
    summary { created unchanged refused }
    results { index kind externalId status id errors { code field message } }
    userErrors { code field message }
  }
}`);

export interface ImportAnswer {
  committed: boolean;
  summary: ImportSummary;
  results: ImportRecordResult[];
  userErrors: UserError[];
}

/** The variables of a call were refused before it ran: some record is not an `ImportRecordInput`. */
export class ImportInputError extends Error {}

/**
 * Sends records to `importRecords` from inside the process, as staff: through the same schema
 * (input coercion, validation, authorization) and service as a call over HTTP, without a server.
 * The demo seed and `npm run import` write their data this way.
 */
export class ImportRunner {
  private readonly recordType: GraphQLInputObjectType;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly staffId: string,
  ) {
    this.recordType = schema.getType('ImportRecordInput') as GraphQLInputObjectType;
  }

  /**
   * What keeps a record from being a valid `ImportRecordInput` (unknown fields, wrong types,
   * enum values, dates), each error with the path of the field; empty when it would be accepted.
   */
  shapeErrors(record: unknown): UserError[] {
    const errors: UserError[] = [];
    coerceInputValue(record, this.recordType, (path, _value, error) => {
      errors.push(userError(UserErrorCode.INVALID_INPUT, error.message, path.map(String)));
    });
    return errors;
  }

  /**
   * Sends one call. A record that is not a valid `ImportRecordInput` fails the whole call before
   * it runs (GraphQL coerces the variables first): that throws an `ImportInputError`, and
   * `shapeErrors` tells which records are at fault.
   */
  async send(records: unknown[], dryRun = false): Promise<ImportAnswer> {
    const result = await execute({
      schema: this.schema,
      document: IMPORT_DOCUMENT,
      variableValues: { input: { records, dryRun } },
      contextValue: this.context(),
    });
    if (result.errors?.length) {
      const message = result.errors.map((e) => e.message).join('; ');
      // Variable coercion fails before anything runs, with errors that have no field path.
      if (result.errors.every((e) => !e.path)) throw new ImportInputError(message);
      throw new Error(`importRecords failed: ${message}`);
    }
    return (result.data as { importRecords: ImportAnswer }).importRecords;
  }

  private context(): RequestContext {
    return {
      requestId: randomUUID(),
      identity: { kind: 'STAFF', staffId: this.staffId },
      loaders: createLoaders(this.db.reader),
      today: today(this.clock),
      now: timestamp(this.clock),
    };
  }
}
