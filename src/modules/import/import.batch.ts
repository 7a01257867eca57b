import { createHash } from 'node:crypto';
import { validateSync } from 'class-validator';
import { EntityManager, In } from 'typeorm';
import { userErrorsFromValidation } from '../../common/graphql-boundary';
import { NodeTypeName, toGlobalId } from '../../common/ids';
import { UserError, userError, UserErrorCode } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { readInChunks } from '../../database/insert-many';
import { ImportRecordInput } from './import.inputs';
import { ImportRecordKind, ImportRecordResult } from './import.payloads';
import { ImportRef, ImportRefKind } from './import-ref.entity';

/** The fields of `ImportRecordInput`, one per kind of record. */
export type RecordField = keyof ImportRecordInput;

export const RECORD_FIELDS: Record<RecordField, { kind: ImportRecordKind; ref: ImportRefKind; node: NodeTypeName }> = {
  provider: { kind: 'PROVIDER', ref: 'PROVIDER', node: 'Provider' },
  course: { kind: 'COURSE', ref: 'COURSE', node: 'Course' },
  certification: { kind: 'CERTIFICATION', ref: 'CERTIFICATION', node: 'Certification' },
  completion: { kind: 'COMPLETION', ref: 'COMPLETION', node: 'Completion' },
  cprAedCredential: { kind: 'CPR_AED_CREDENTIAL', ref: 'CPR_AED', node: 'CprAedCredential' },
  petition: { kind: 'PETITION', ref: 'PETITION', node: 'Petition' },
  recertificationApplication: {
    kind: 'RECERTIFICATION_APPLICATION',
    ref: 'APPLICATION',
    node: 'RecertificationApplication',
  },
};

/** Something a record creates or refers to: its row ID, known once it is written. */
export interface Target {
  id: number | null;
}

/** One record of the call on its way through the import. */
export interface Item<I> {
  index: number;
  field: RecordField;
  input: I;
  externalId: string;
  hash: string;
  result: ImportRecordResult;
  /** What the record creates, once checked; its ID is filled in when written. */
  target?: Target;
  /** An earlier record of the same call with the same external ID and content. */
  duplicateOf?: Item<unknown>;
}

/** JSON with keys sorted, empty values left out and text trimmed: equal records hash alike however they were written. */
export function canonicalJson(value: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v)
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined && (v as Record<string, unknown>)[k] !== null)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    // Spaces around a value do not make it another record (values are kept trimmed).
    return typeof v === 'string' ? v.trim() : v;
  };
  return JSON.stringify(canonical(value));
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * The records of one call: their results, the import references they meet, and what each
 * creates. Checking records only reads; `refused` tells whether anything may be written.
 */
export class ImportBatch {
  readonly items: Item<unknown>[] = [];
  private readonly byField = new Map<RecordField, Item<unknown>[]>();
  private readonly refs = new Map<string, ImportRef>();
  /** External IDs of records refused in this call, so that records naming them say why. */
  private readonly refused = new Set<string>();

  constructor(
    readonly em: EntityManager,
    readonly ctx: RequestContext,
    records: ImportRecordInput[],
  ) {
    records.forEach((record, index) => this.admit(record, index));
  }

  get today(): string {
    return this.ctx.today;
  }

  /** Records of one kind that are new to the ledger and passed the shape checks, in input order. */
  fresh<I>(field: RecordField): Item<I>[] {
    return (this.byField.get(field) ?? []).filter((i) => i.result.status === 'CREATED') as Item<I>[];
  }

  /** Records of one kind that were imported before (not repeats within this call) with the same content. */
  unchanged<I>(field: RecordField): Item<I>[] {
    return (this.byField.get(field) ?? []).filter(
      (i) => i.result.status === 'UNCHANGED' && !i.duplicateOf,
    ) as Item<I>[];
  }

  get anyRefused(): boolean {
    return this.items.some((i) => i.result.status === 'REFUSED');
  }

  path(item: Item<unknown>, ...rest: string[]): string[] {
    return ['input', 'records', String(item.index), item.field, ...rest];
  }

  /** Refuses a record for a reason; a record may collect several. */
  fail(item: Item<unknown>, code: UserErrorCode, message: string, ...field: string[]): void {
    this.failWith(item, [userError(code, message, this.path(item, ...field))]);
  }

  private failWith(item: Item<unknown>, errors: UserError[]): void {
    item.result.status = 'REFUSED';
    item.result.id = null;
    item.result.errors.push(...errors);
    if (item.externalId) this.refused.add(`${RECORD_FIELDS[item.field].ref}:${item.externalId}`);
  }

  failed(item: Item<unknown>): boolean {
    return item.result.status === 'REFUSED';
  }

  /** How to say that a reference names nothing: refused in this call, or never imported. */
  unknownReference(kind: ImportRefKind, externalId: string, what: string): string {
    return this.refused.has(`${kind}:${externalId}`)
      ? `The ${what} "${externalId}" is refused in this call.`
      : `No ${what} was imported with the external ID "${externalId}".`;
  }

  /** The import reference of an external ID, if any (loaded by `loadRefs`). */
  ref(kind: ImportRefKind, externalId: string): ImportRef | undefined {
    return this.refs.get(`${kind}:${externalId}`);
  }

  /** Reads the import references of the given external IDs of one kind that are not read yet. */
  async loadRefs(kind: ImportRefKind, externalIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set(externalIds)].filter((id) => id && !this.refs.has(`${kind}:${id}`));
    const rows = await readInChunks(wanted, (slice) => this.em.findBy(ImportRef, { kind, externalId: In(slice) }));
    for (const row of rows) this.refs.set(`${kind}:${row.externalId}`, row);
  }

  /**
   * Sorts the records out: exactly one kind each, the shape of its fields (class-validator),
   * and whether it was imported before (UNCHANGED), clashes with an earlier import of the same
   * external ID, or repeats a record of this call.
   */
  async classify(): Promise<void> {
    for (const field of Object.keys(RECORD_FIELDS) as RecordField[]) {
      const items = this.byField.get(field) ?? [];
      const kind = RECORD_FIELDS[field].ref;
      await this.loadRefs(
        kind,
        items.map((i) => i.externalId),
      );
      const firstInCall = new Map<string, Item<unknown>>();
      for (const item of items) {
        if (this.failed(item)) continue;
        const seen = this.ref(kind, item.externalId);
        const earlier = firstInCall.get(item.externalId);
        if (earlier) {
          if (earlier.hash === item.hash) {
            item.result.status = 'UNCHANGED';
            item.duplicateOf = earlier;
          } else {
            this.fail(
              item,
              UserErrorCode.IMPORT_CONFLICT,
              `Another record of this call has the external ID "${item.externalId}" with other content.`,
              'externalId',
            );
          }
          continue;
        }
        firstInCall.set(item.externalId, item);
        if (!seen) continue;
        if (seen.contentHash === item.hash) {
          item.result.status = 'UNCHANGED';
          item.target = { id: seen.entityId };
        } else {
          this.fail(
            item,
            UserErrorCode.IMPORT_CONFLICT,
            `A record with the external ID "${item.externalId}" was imported before with other content; records are not changed by a new import.`,
            'externalId',
          );
        }
      }
    }
  }

  /**
   * A repeat of a record of this call stands or falls with it: when the first is refused, so is
   * the repeat, for the same reasons (it was only UNCHANGED as a copy). Call after every kind is checked.
   */
  settleRepeats(): void {
    for (const item of this.items) {
      const first = item.duplicateOf;
      if (first && this.failed(first) && !this.failed(item)) {
        // The same reasons, at this record's own place.
        this.failWith(
          item,
          first.result.errors.map((e) => ({ ...e, field: e.field ? [...this.path(item), ...e.field.slice(4)] : null })),
        );
      }
    }
  }

  /** Fills in the global IDs of what was created or matched (after writing, or from earlier imports). */
  settleIds(): void {
    for (const item of this.items) {
      const id = (item.duplicateOf ?? item).target?.id;
      item.result.id =
        item.result.status !== 'REFUSED' && id != null ? toGlobalId(RECORD_FIELDS[item.field].node, id) : null;
    }
  }

  private admit(record: ImportRecordInput, index: number): void {
    const given = (Object.keys(RECORD_FIELDS) as RecordField[]).filter((f) => record?.[f] != null);
    const result: ImportRecordResult = {
      index,
      kind: given.length === 1 ? RECORD_FIELDS[given[0]].kind : null,
      externalId: null,
      status: 'CREATED',
      id: null,
      errors: [],
    };
    if (given.length !== 1) {
      result.status = 'REFUSED';
      result.errors.push(
        userError(
          UserErrorCode.INVALID_INPUT,
          given.length === 0
            ? 'Give one kind of record: provider, course, certification, completion, cprAedCredential, petition or recertificationApplication.'
            : `Give one kind of record per entry, not ${given.join(' and ')}.`,
          ['input', 'records', String(index)],
        ),
      );
      this.items.push({ index, field: 'provider', input: null, externalId: '', hash: '', result });
      return;
    }
    const field = given[0];
    const input = record[field] as { externalId?: string };
    const externalId = typeof input.externalId === 'string' ? input.externalId.trim() : '';
    result.externalId = externalId || null;
    const item: Item<unknown> = { index, field, input, externalId, hash: contentHash(input), result };
    this.items.push(item);
    if (!this.byField.has(field)) this.byField.set(field, []);
    (this.byField.get(field) as Item<unknown>[]).push(item);
    const shape = validateSync(input as object, { forbidUnknownValues: false });
    if (shape.length) this.failWith(item, userErrorsFromValidation(shape, ['input', 'records', String(index), field]));
  }
}
