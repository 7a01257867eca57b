import { randomInt } from 'node:crypto';
import { Brackets, EntityManager } from 'typeorm';
import { fromGlobalId, toGlobalId } from '../../common/ids';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { Page, PageArgs, paginateByKey } from '../../common/pagination';
import { refuse, Refusal, UserError, userError, UserErrorCode } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { Database } from '../../database/database';
import { isLocalDate } from '../../rules/calendar';
import {
  alreadyCertifiedProblem,
  certificationDateProblems,
  certificationNumberProblem,
  CertificationProblem,
  emailProblem,
  expiryRangeOfStatus,
  ExpiryRange,
  generatedCertificationNumber,
  GENERATED_SERIALS,
  intersectExpiryRanges,
  normalizeCertificationNumber,
  normalizeProgramCode,
} from '../../rules/certification';
import { defaultExpiry } from '../../rules/cycle';
import { ProgramPolicy } from '../../rules/policy';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { policyIn, ProgramCatalog } from '../program/program.facts';
import { Certification, Trainer } from './trainer.entity';
import { CertificationFilter, IssueCertificationInput } from './trainer.inputs';
import { trainerRow } from './trainer.rows';
import { TrainerService } from './trainer.service';

function sameRange(a: ExpiryRange, b: ExpiryRange): boolean {
  return a.from === b.from && a.through === b.through;
}

/** Candidates tried for a generated number before giving up: with nine million serials, one nearly always does. */
const NUMBER_ATTEMPTS = 5;

function asUserError(problem: CertificationProblem, path: string[] = ['input']): UserError {
  return userError(UserErrorCode[problem.code], problem.message, [...path, problem.field]);
}

/** Certifications: issued by staff, listed for staff in expiry order. */
export class CertificationService {
  constructor(
    private readonly db: Database,
    private readonly trainers: TrainerService,
    private readonly decisions: DecisionLogService,
    private readonly idempotency: IdempotencyService,
    /** The serial of a generated number (seven digits); random by default. */
    private readonly nextSerial: () => number = () => randomInt(GENERATED_SERIALS.min, GENERATED_SERIALS.max + 1),
  ) {}

  /**
   * Staff issue a certification to an existing trainer or to a new one, in one unit of work with
   * the new trainer's row and the decision log entry. Every refusal leaves nothing behind.
   */
  issue(ctx: RequestContext, input: IssueCertificationInput): Promise<{ certificationId: number }> {
    return this.db.uow.run((em) =>
      this.idempotency.once(em, ctx, 'issueCertification', input, async () => {
        const catalog = await ProgramCatalog.read(em);
        const program = catalog.resolve(input.programCode, ['input', 'programCode']);
        const programCode = program.program.code;
        const policy = policyIn(program, input.issuedOn);
        const expiresOn = input.expiresOn ?? defaultExpiry(input.issuedOn, policy);
        const problems: UserError[] = [
          ...this.holderProblems(input),
          ...[
            input.number ? certificationNumberProblem(input.number) : null,
            ...certificationDateProblems({ issuedOn: input.issuedOn, expiresOn }, ctx.today),
          ]
            .filter((p): p is CertificationProblem => p !== null)
            .map((p) => asUserError(p)),
        ];
        if (problems.length) throw new Refusal(problems);
        const number = input.number
          ? await this.freeNumber(em, normalizeCertificationNumber(input.number))
          : await this.generatedNumber(em, programCode);
        const trainerId = await this.holder(em, ctx, input, programCode, policyIn(program, ctx.today));
        const { identifiers } = await em.insert(Certification, {
          trainerId,
          programCode,
          number,
          issuedOn: input.issuedOn,
          cycleStartsOn: input.issuedOn,
          expiresOn,
          createdAt: ctx.now,
        });
        const certificationId = identifiers[0].id as number;
        await this.decisions.record(em, ctx, {
          action: 'CERTIFICATION_ISSUED',
          subjectType: 'Certification',
          subjectId: certificationId,
          details: {
            number,
            programCode,
            issuedOn: input.issuedOn,
            expiresOn,
            trainerId: toGlobalId('Trainer', trainerId),
            newTrainer: !input.trainer.id,
          },
        });
        return { certificationId };
      }),
    );
  }

  /** Staff: certifications by expiry date, then ID, e.g. those expiring in the next 90 days. */
  async list(ctx: RequestContext, filter: CertificationFilter | null | undefined, page: PageArgs) {
    // The holder comes with the page (many-to-one: one row per certification): one statement.
    const query = this.db.reader
      .getRepository(Certification)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.trainer', 't');
    const programCode = filter?.programCode ? normalizeProgramCode(filter.programCode) : null;
    if (programCode) query.andWhere('c.program_code = :programCode', { programCode });
    const asked: ExpiryRange = { from: filter?.expiresFrom ?? null, through: filter?.expiresThrough ?? null };
    if (filter?.status) {
      // R12 by each program's own windows: the expiries of the status differ between programs.
      const on = filter.statusOn ?? ctx.today;
      const catalog = await ctx.loaders.programCatalog.load('all');
      const programs = catalog.all().filter((f) => programCode === null || f.program.code === programCode);
      const ranges = programs
        .map((f) => ({
          code: f.program.code,
          range: intersectExpiryRanges(asked, expiryRangeOfStatus(filter.status!, on, policyIn(f, on))),
        }))
        .filter((r): r is { code: string; range: ExpiryRange } => r.range !== null);
      const same = ranges.length === programs.length && ranges.every((r) => sameRange(r.range, ranges[0].range));
      if (!ranges.length) query.andWhere('1 = 0');
      else if (same) {
        // Every program has the same windows (the usual case): one range, walked in index order.
        const { range } = ranges[0];
        if (range.from) query.andWhere('c.expires_on >= :expiresFrom', { expiresFrom: range.from });
        if (range.through) query.andWhere('c.expires_on <= :expiresThrough', { expiresThrough: range.through });
      } else
        query.andWhere(
          new Brackets((q) => {
            ranges.forEach(({ code, range }, i) => {
              const parts = [`c.program_code = :statusProgram${i}`];
              if (range.from) parts.push(`c.expires_on >= :statusFrom${i}`);
              if (range.through) parts.push(`c.expires_on <= :statusThrough${i}`);
              q.orWhere(`(${parts.join(' AND ')})`, {
                [`statusProgram${i}`]: code,
                [`statusFrom${i}`]: range.from,
                [`statusThrough${i}`]: range.through,
              });
            });
          }),
        );
    } else {
      if (asked.from) query.andWhere('c.expires_on >= :expiresFrom', { expiresFrom: asked.from });
      if (asked.through) query.andWhere('c.expires_on <= :expiresThrough', { expiresThrough: asked.through });
    }
    const result: Page<Certification> = await paginateByKey(query, page, {
      column: 'c.expires_on',
      keyOf: (c) => c.expiresOn,
      isKey: isLocalDate,
    });
    for (const { node } of result.edges) if (node.trainer) ctx.loaders.trainer.prime(node.trainerId, node.trainer);
    return result;
  }

  /** Shape problems of the holder: an existing trainer's ID, or all three facts of a new one. */
  private holderProblems(input: IssueCertificationInput): UserError[] {
    const holder = input.trainer;
    const path = ['input', 'trainer'];
    const given = (['firstName', 'lastName', 'email'] as const).filter((f) => holder[f] != null);
    if (holder.id) {
      return given.length
        ? [
            userError(
              UserErrorCode.INVALID_INPUT,
              'Give either the ID of an existing trainer or the names and e-mail address of a new one, not both.',
              path,
            ),
          ]
        : [];
    }
    const missing = (['firstName', 'lastName', 'email'] as const).filter((f) => holder[f] == null);
    if (missing.length === 3) {
      return [
        userError(
          UserErrorCode.REQUIRED,
          'Give the ID of an existing trainer, or the names and e-mail address of a new one.',
          path,
        ),
      ];
    }
    const problems: UserError[] = missing.map((f) =>
      userError(UserErrorCode.REQUIRED, 'A new trainer needs a given name, a family name and an e-mail address.', [
        ...path,
        f,
      ]),
    );
    const email = holder.email != null ? emailProblem(holder.email) : null;
    if (email) problems.push(asUserError(email, path));
    return problems;
  }

  /** The holder's ID: the existing trainer (who must not hold a current certification of the program), or a new one. */
  private async holder(
    em: EntityManager,
    ctx: RequestContext,
    input: IssueCertificationInput,
    programCode: string,
    policy: ProgramPolicy,
  ): Promise<number> {
    const holder = input.trainer;
    if (holder.id) {
      const id = fromGlobalId('Trainer', holder.id);
      // Two issues to one trainer at once must not both find no current certification: on
      // PostgreSQL the trainer's row is locked until commit (SQLite runs one write at a time).
      const query = em
        .getRepository(Trainer)
        .createQueryBuilder('t')
        .where('t.id = :id', { id: id ?? 0 });
      if (this.db.kind === 'postgres') query.setLock('pessimistic_write');
      const trainer = id ? await query.getOne() : null;
      if (!trainer) return refuse(UserErrorCode.NOT_FOUND, 'No trainer has this ID.', ['input', 'trainer', 'id']);
      const held = await em.findBy(Certification, { trainerId: trainer.id });
      const problem = alreadyCertifiedProblem(held, programCode, ctx.today, policy);
      if (problem) throw new Refusal(asUserError(problem));
      return trainer.id;
    }
    const facts = { firstName: holder.firstName!, lastName: holder.lastName!, email: holder.email! };
    const email = await this.trainers.freeEmail(em, facts.email, null, ['input', 'trainer', 'email']);
    const { identifiers } = await em.insert(Trainer, trainerRow({ ...facts, email }, ctx.now));
    return identifiers[0].id as number;
  }

  /** A number given by staff, unless another certification has it. */
  private async freeNumber(em: EntityManager, number: string): Promise<string> {
    if (await em.existsBy(Certification, { number })) {
      refuse(UserErrorCode.CERTIFICATION_NUMBER_TAKEN, `Another certification already has the number ${number}.`, [
        'input',
        'number',
      ]);
    }
    return number;
  }

  /**
   * A generated number nobody has. Two requests that draw the same one at once are kept apart by
   * the unique index: the second one's unit of work fails, runs again and draws another.
   */
  private async generatedNumber(em: EntityManager, programCode: string): Promise<string> {
    for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
      const number = generatedCertificationNumber(programCode, this.nextSerial());
      if (!(await em.existsBy(Certification, { number }))) return number;
    }
    throw new Error(`no free certification number for ${programCode} after ${NUMBER_ATTEMPTS} attempts`);
  }
}
