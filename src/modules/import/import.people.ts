import { In } from 'typeorm';
import { UserErrorCode } from '../../common/user-errors';
import { insertMany, readInChunks } from '../../database/insert-many';
import { addDays, LocalDate } from '../../rules/calendar';
import { defaultExpiry } from '../../rules/cycle';
import {
  alreadyCertifiedProblem,
  certificationDateProblems,
  certificationNumberProblem,
  emailProblem,
  holdsCurrentCertification,
  normalizeCertificationNumber,
  normalizeProgramCode,
} from '../../rules/certification';
import { ProgramPolicy } from '../../rules/policy';
import { renewedExpiry } from '../../rules/renewal';
import { CprAedCredential } from '../cpr-aed/cpr-aed.entity';
import { policyIn } from '../program/program.facts';
import { CertificationPastCycle } from '../trainer/past-cycle.entity';
import { Certification, Trainer } from '../trainer/trainer.entity';
import { normalizeEmail, trainerRow } from '../trainer/trainer.rows';
import { contentHash, ImportBatch, Item, Target } from './import.batch';
import { ImportCertificationInput, ImportCprAedCredentialInput } from './import.inputs';
import { CertificationTarget, CycleSpan, ImportTargets, TrainerTarget } from './import.targets';

interface TrainerWrite {
  target: TrainerTarget;
  externalId: string;
  row: Partial<Trainer>;
}

interface CertificationWrite {
  item: Item<ImportCertificationInput>;
  target: CertificationTarget;
  row: Partial<Certification>;
}

/** Certifications with their holders and earlier cycles, and CPR/AED cards (R1, R7, R10, R12). */
export class PeopleImport {
  private readonly trainerWrites: TrainerWrite[] = [];
  private readonly certificationWrites: CertificationWrite[] = [];
  private readonly cardWrites: {
    item: Item<ImportCprAedCredentialInput>;
    holder: Target;
    row: Partial<CprAedCredential>;
  }[] = [];

  constructor(
    private readonly batch: ImportBatch,
    private readonly targets: ImportTargets,
  ) {}

  async checkCertifications(): Promise<void> {
    const { batch, targets } = this;
    const fresh = batch.fresh<ImportCertificationInput>('certification');
    const all = [...fresh, ...batch.unchanged<ImportCertificationInput>('certification')];
    await targets.loadCertifications(all.map((i) => normalizeCertificationNumber(i.input.number)));
    const trainerIds = fresh.map((i) => i.input.trainer.externalId.trim());
    await batch.loadRefs('TRAINER', trainerIds);
    const emails = [...new Set(fresh.map((i) => normalizeEmail(i.input.trainer.email)))];
    const emailRows = await readInChunks(emails, (slice) =>
      batch.em.find(Trainer, { select: { id: true, email: true }, where: { email: In(slice) } }),
    );
    const trainerByEmail = new Map(emailRows.map((t) => [t.email, t.id]));
    // The certifications the holders already have, for "already certified" (R12).
    const knownTrainerIds = [
      ...new Set(trainerIds.map((id) => batch.ref('TRAINER', id)?.entityId).filter((id): id is number => !!id)),
    ];
    const held = await readInChunks(knownTrainerIds, (slice) =>
      batch.em.find(Certification, {
        select: { trainerId: true, programCode: true, expiresOn: true },
        where: { trainerId: In(slice) },
      }),
    );
    const emailsInCall = new Map<string, string>();
    const numbersInCall = new Set<string>();
    /** The certifications each holder has in the database and in this call, for R12. */
    const heldBy = new Map<string, { programCode: string; expiresOn: LocalDate }[]>();
    for (const item of fresh) {
      const input = item.input;
      const number = normalizeCertificationNumber(input.number);
      const program = input.programCode == null ? targets.programs.default() : targets.programs.find(input.programCode);
      const programCode = program?.program.code ?? normalizeProgramCode(input.programCode ?? '');
      const policy = program ? policyIn(program, input.issuedOn) : null;
      if (!policy) {
        batch.fail(
          item,
          UserErrorCode.UNKNOWN_PROGRAM,
          `No credential program has the code "${programCode}".`,
          'programCode',
        );
      }
      const numberProblem = certificationNumberProblem(input.number);
      if (numberProblem) batch.fail(item, UserErrorCode.INVALID_FORMAT, numberProblem.message, 'number');
      else if (targets.certifications.has(number) || numbersInCall.has(number)) {
        batch.fail(
          item,
          UserErrorCode.CERTIFICATION_NUMBER_TAKEN,
          'Another certification already has this number.',
          'number',
        );
      }
      numbersInCall.add(number);
      // A record naming no known program is refused; its dates are still checked, by the default program.
      const cycles = this.cyclesOf(item, policy ?? policyIn(targets.programs.default(), input.issuedOn));
      // The holder: the same person in every record with their external ID.
      const trainerKey = input.trainer.externalId.trim();
      const email = normalizeEmail(input.trainer.email);
      const trainerHash = contentHash({ ...input.trainer, email });
      let trainer = targets.trainers.get(trainerKey);
      const ref = batch.ref('TRAINER', trainerKey);
      if (!trainer && ref) trainer = { id: ref.entityId, hash: ref.contentHash };
      const badEmail = emailProblem(input.trainer.email);
      if (trainer && trainer.hash !== trainerHash) {
        batch.fail(
          item,
          UserErrorCode.IMPORT_CONFLICT,
          `The trainer "${trainerKey}" is given with another name or e-mail than before; records are not changed by an import.`,
          'trainer',
        );
      } else if (badEmail) {
        batch.fail(item, UserErrorCode.INVALID_FORMAT, badEmail.message, 'trainer', 'email');
      } else if (!trainer) {
        const owner = emailsInCall.get(email);
        if (trainerByEmail.has(email) || (owner !== undefined && owner !== trainerKey)) {
          batch.fail(
            item,
            UserErrorCode.EMAIL_TAKEN,
            'Another trainer already has this e-mail address.',
            'trainer',
            'email',
          );
        }
      }
      emailsInCall.set(email, trainerKey);
      if (!heldBy.has(trainerKey)) {
        heldBy.set(trainerKey, trainer?.id != null ? held.filter((c) => c.trainerId === trainer?.id) : []);
      }
      const holds = heldBy.get(trainerKey) as { programCode: string; expiresOn: LocalDate }[];
      if (cycles && policy) {
        // History may hold a lapsed certification beside a current one; two current ones, never (R12).
        const current = cycles[cycles.length - 1];
        const isCurrent = holdsCurrentCertification(
          [{ programCode, expiresOn: current.expiresOn }],
          programCode,
          batch.today,
          policy,
        );
        const problem = isCurrent ? alreadyCertifiedProblem(holds, programCode, batch.today, policy) : null;
        if (problem) batch.fail(item, UserErrorCode.ALREADY_CERTIFIED, problem.message, 'trainer');
        holds.push({ programCode, expiresOn: current.expiresOn });
      }
      if (batch.failed(item) || !cycles) continue;
      if (!trainer) {
        trainer = { id: null, hash: trainerHash };
        this.trainerWrites.push({
          target: trainer,
          externalId: trainerKey,
          row: trainerRow(input.trainer, batch.ctx.now),
        });
      }
      targets.trainers.set(trainerKey, trainer);
      const current = cycles[cycles.length - 1];
      const target: CertificationTarget = { id: null, trainer, programCode, issuedOn: input.issuedOn, cycles };
      item.target = target;
      targets.certifications.set(number, target);
      this.certificationWrites.push({
        item,
        target,
        row: {
          programCode,
          number,
          issuedOn: input.issuedOn,
          cycleStartsOn: current.startsOn,
          expiresOn: current.expiresOn,
          createdAt: batch.ctx.now,
        },
      });
    }
  }

  /**
   * The cycles of an imported certification, oldest first, or null when the dates do not fit:
   * issued not after today, each renewal moving the expiry by one cycle (R10), and the current
   * expiry defaulting to one cycle after the last (R1).
   */
  private cyclesOf(item: Item<ImportCertificationInput>, policy: ProgramPolicy): CycleSpan[] | null {
    const { batch } = this;
    const input = item.input;
    const expiries = [...(input.earlierExpiries ?? [])];
    const last = expiries[expiries.length - 1];
    const expected = last ? renewedExpiry(last, policy) : defaultExpiry(input.issuedOn, policy);
    const expiresOn = input.expiresOn ?? expected;
    // The first cycle as issueCertification checks it: issued by today, expiring after issue.
    const firstExpiry = expiries[0] ?? expiresOn;
    const problems = certificationDateProblems({ issuedOn: input.issuedOn, expiresOn: firstExpiry }, batch.today);
    for (const p of problems) {
      batch.fail(
        item,
        UserErrorCode[p.code],
        p.message,
        expiries.length && p.field === 'expiresOn' ? 'earlierExpiries' : p.field,
      );
    }
    if (problems.length) return null;
    for (let n = 1; n < expiries.length; n++) {
      if (expiries[n] !== renewedExpiry(expiries[n - 1], policy)) {
        batch.fail(
          item,
          UserErrorCode.INVALID_DATES,
          `Each renewal moves the expiry by ${policy.cycleMonths} months (R10): after ${expiries[n - 1]} comes ${renewedExpiry(expiries[n - 1], policy)}.`,
          'earlierExpiries',
          String(n),
        );
        return null;
      }
    }
    if (last && expiresOn !== expected) {
      batch.fail(
        item,
        UserErrorCode.INVALID_DATES,
        `After the earlier expiry ${last}, the current cycle expires on ${expected} (R10).`,
        'expiresOn',
      );
      return null;
    }
    const ends = [...expiries, expiresOn];
    return ends.map((end, n) => ({ startsOn: n === 0 ? input.issuedOn : addDays(ends[n - 1], 1), expiresOn: end }));
  }

  async checkCards(): Promise<void> {
    const { batch, targets } = this;
    const fresh = batch.fresh<ImportCprAedCredentialInput>('cprAedCredential');
    await targets.loadCertifications(fresh.map((i) => normalizeCertificationNumber(i.input.certificationNumber)));
    for (const item of fresh) {
      const input = item.input;
      const certification = targets.certificationFor(item, input.certificationNumber);
      if (input.issuedOn > batch.today) {
        batch.fail(item, UserErrorCode.FUTURE_DATE, 'The issue date is after today.', 'issuedOn');
      }
      if (input.expiresOn <= input.issuedOn) {
        batch.fail(item, UserErrorCode.INVALID_DATES, 'The card must expire after it was issued.', 'expiresOn');
      }
      if (batch.failed(item) || !certification) continue;
      const target: Target = { id: null };
      item.target = target;
      this.cardWrites.push({
        item,
        holder: certification.trainer,
        row: {
          issuer: input.issuer.trim(),
          cardNumber: input.cardNumber ?? null,
          issuedOn: input.issuedOn,
          expiresOn: input.expiresOn,
          coversAdultCpr: input.coversAdultCpr,
          coversAed: input.coversAed,
          format: input.format,
          createdAt: batch.ctx.now,
        },
      });
    }
  }

  /** Writes trainers and certifications with their earlier cycles; answers the trainer references to record. */
  async writeCertifications(): Promise<{ externalId: string; entityId: number; hash: string }[]> {
    const em = this.batch.em;
    const trainerIds = await insertMany(
      em,
      Trainer,
      this.trainerWrites.map((w) => w.row),
    );
    this.trainerWrites.forEach((w, n) => (w.target.id = trainerIds[n]));
    const ids = await insertMany(
      em,
      Certification,
      this.certificationWrites.map((w) => ({ ...w.row, trainerId: w.target.trainer.id as number })),
    );
    this.certificationWrites.forEach((w, n) => (w.target.id = ids[n]));
    await insertMany(
      em,
      CertificationPastCycle,
      this.certificationWrites.flatMap((w) =>
        w.target.cycles.slice(0, -1).map((c) => ({ certificationId: w.target.id as number, ...c })),
      ),
    );
    return this.trainerWrites.map((w) => ({
      externalId: w.externalId,
      entityId: w.target.id as number,
      hash: w.target.hash,
    }));
  }

  async writeCards(): Promise<void> {
    const ids = await insertMany(
      this.batch.em,
      CprAedCredential,
      this.cardWrites.map((w) => ({ ...w.row, trainerId: w.holder.id as number })),
    );
    this.cardWrites.forEach((w, n) => ((w.item.target as Target).id = ids[n]));
  }
}
