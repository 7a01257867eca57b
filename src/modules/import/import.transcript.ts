import { In } from 'typeorm';
import { UserErrorCode } from '../../common/user-errors';
import { insertMany, readInChunks } from '../../database/insert-many';
import { LocalDate } from '../../rules/calendar';
import { normalizeCertificationNumber } from '../../rules/certification';
import { creditedCeu, decideCreditPath, outsideApprovalMessage } from '../../rules/coverage';
import { programCeu } from '../../rules/policy';
import { COMPLETION_DATE_MESSAGES, completionDateProblem } from '../../rules/certification';
import { cycleOf, withinCycle } from '../../rules/cycle';
import { feeQuote } from '../../rules/fees';
import { renewedExpiry } from '../../rules/renewal';
import { CONTACT_HOURS_REFUSAL, contactHoursOf, parseCeu, parseMoney } from '../../rules/units';
import { Completion } from '../completion/completion.entity';
import { Petition } from '../petition/petition.entity';
import { policyIn } from '../program/program.facts';
import { ApplicationCompletion, RecertificationApplication } from '../recertification/recertification.entity';
import { ImportBatch, Item, Target } from './import.batch';
import { ImportCompletionInput, ImportPetitionInput, ImportRecertificationApplicationInput } from './import.inputs';
import { CompletionTarget, CourseTarget, creditFacts, ImportTargets } from './import.targets';

/** An instant for a day of the history: its start, UTC. */
const startOf = (day: LocalDate): string => `${day}T00:00:00.000Z`;

interface PetitionWrite {
  target: Target;
  completion: CompletionTarget;
  row: Partial<Petition>;
}

interface ApplicationWrite {
  target: Target;
  certification: Target;
  completions: CompletionTarget[];
  row: Partial<RecertificationApplication>;
}

/**
 * Transcript entries, petitions and decided applications. Imported completions take their
 * credit path from the imported history by R3's own function, as live reports do.
 */
export class TranscriptImport {
  private readonly completionWrites: CompletionTarget[] = [];
  private readonly petitionWrites: PetitionWrite[] = [];
  private readonly applicationWrites: ApplicationWrite[] = [];
  /** The catalogue course of each completion this call creates (none for an event). */
  private readonly courseOf = new Map<CompletionTarget, { id: number | null; provider: Target }>();
  /** Completions of earlier imports whose approved petition in this call sets their CEUs. */
  private readonly awarded = new Map<number, number>();

  constructor(
    private readonly batch: ImportBatch,
    private readonly targets: ImportTargets,
  ) {}

  async checkCompletions(): Promise<void> {
    const { batch, targets } = this;
    const fresh = batch.fresh<ImportCompletionInput>('completion');
    await targets.loadCompletions(batch.unchanged<ImportCompletionInput>('completion').map((i) => i.externalId));
    await targets.loadCourses(fresh.map((i) => i.input.courseExternalId?.trim() ?? '').filter(Boolean));
    await targets.loadCertifications(fresh.map((i) => normalizeCertificationNumber(i.input.certificationNumber)));
    const existing = await this.existingEntries(fresh);
    const inCall = new Set<string>();
    for (const item of fresh) {
      const input = item.input;
      const certification = targets.certificationFor(item, input.certificationNumber);
      const courseKey = input.courseExternalId?.trim() || null;
      if ((courseKey === null) === (input.event == null)) {
        batch.fail(
          item,
          UserErrorCode.INVALID_INPUT,
          'Give either courseExternalId or event, not both and not neither.',
        );
        continue;
      }
      const course = courseKey
        ? targets.referenced<CourseTarget>(item, 'COURSE', courseKey, 'courseExternalId')
        : undefined;
      const source = input.source ?? (courseKey ? 'PROVIDER_REPORTED' : 'PETITION');
      if ((source === 'PETITION') !== (courseKey === null)) {
        batch.fail(
          item,
          UserErrorCode.INVALID_INPUT,
          courseKey
            ? 'A catalogue course is PROVIDER_REPORTED or SELF_REPORTED; PETITION is for an event outside the catalogue.'
            : 'An event outside the catalogue enters with a petition: its source is PETITION.',
          'source',
        );
      }
      // Without its certification, only the date's future is known.
      const dateProblem = completionDateProblem(input.completedOn, certification ?? { issuedOn: '' }, batch.today);
      if (dateProblem)
        batch.fail(item, UserErrorCode[dateProblem], COMPLETION_DATE_MESSAGES[dateProblem], 'completedOn');
      if (batch.failed(item) || !certification) continue;
      const decision = course
        ? decideCreditPath(creditFacts(course, certification.programCode), input.completedOn)
        : decideCreditPath(null, input.completedOn);
      if (course && (course.status === 'PENDING_REVIEW' || course.status === 'REJECTED')) {
        batch.fail(
          item,
          UserErrorCode.COURSE_NOT_REPORTABLE,
          'This course was never approved, so it is not in the catalogue: import the completion as an event with its petition.',
          'courseExternalId',
        );
        continue;
      }
      if (source === 'PROVIDER_REPORTED' && decision.path !== 'AUTOMATIC') {
        const approved = course?.programs.some((p) => p.programCode === certification.programCode) ?? false;
        batch.fail(
          item,
          UserErrorCode.DATE_OUTSIDE_APPROVAL,
          `${outsideApprovalMessage(decision, approved, certification.programCode)} Import it as SELF_REPORTED to keep it for a petition.`,
          'completedOn',
        );
        continue;
      }
      if (course) {
        const key = `${normalizeCertificationNumber(input.certificationNumber)}:${courseKey}:${input.completedOn}`;
        const duplicate =
          inCall.has(key) ||
          (certification.id !== null &&
            course.id !== null &&
            existing.has(`${certification.id}:${course.id}:${input.completedOn}`));
        if (duplicate) {
          batch.fail(
            item,
            UserErrorCode.DUPLICATE_COMPLETION,
            'This course on this date is already on the transcript.',
            'completedOn',
          );
          continue;
        }
        inCall.add(key);
      }
      const tenths = course ? course.contactHourTenths : contactHoursOf(input.event?.contactHours ?? '');
      if (tenths === null) {
        batch.fail(item, UserErrorCode.OUT_OF_RANGE, CONTACT_HOURS_REFUSAL, 'event', 'contactHours');
        continue;
      }
      const approval = course?.programs.find((p) => p.programCode === certification.programCode);
      const ceu = creditedCeu(decision.path, approval?.ceuHundredths);
      const target: CompletionTarget = {
        id: null,
        certification,
        completedOn: input.completedOn,
        creditPath: decision.path,
        contactHourTenths: tenths,
        ceuHundredths: ceu,
        row: {
          completedOn: input.completedOn,
          source,
          creditPath: decision.path,
          creditReason: decision.reason,
          ceuHundredths: ceu,
          categoryCode: approval?.categoryCode ?? null,
          title: course ? course.title : (input.event?.title.trim() as string),
          providerName: course ? course.provider.name : (input.event?.providerName.trim() as string),
          contactHourTenths: tenths,
          providerConfirmed: source === 'PROVIDER_REPORTED',
          externalRef: input.externalRef ?? null,
          createdAt: batch.ctx.now,
        },
      };
      if (course) this.courseOf.set(target, course);
      item.target = target;
      targets.completions.set(item.externalId, target);
      this.completionWrites.push(target);
    }
  }

  /** Entries already on the transcripts the records name, by certification, course and date. */
  private async existingEntries(items: Item<ImportCompletionInput>[]): Promise<Set<string>> {
    const certificationIds = [
      ...new Set(
        items
          .map((i) => this.targets.certifications.get(normalizeCertificationNumber(i.input.certificationNumber))?.id)
          .filter((id): id is number => id != null),
      ),
    ];
    const courseIds = new Set(
      items
        .map((i) => (i.input.courseExternalId ? this.targets.courses.get(i.input.courseExternalId.trim())?.id : null))
        .filter((id): id is number => id != null),
    );
    if (!courseIds.size) return new Set();
    const rows = await readInChunks(certificationIds, (slice) =>
      this.batch.em.find(Completion, {
        select: { certificationId: true, courseId: true, completedOn: true },
        where: { certificationId: In(slice) },
      }),
    );
    return new Set(
      rows
        .filter((r) => r.courseId !== null && courseIds.has(r.courseId))
        .map((r) => `${r.certificationId}:${r.courseId}:${r.completedOn}`),
    );
  }

  async checkPetitions(): Promise<void> {
    const { batch, targets } = this;
    const fresh = batch.fresh<ImportPetitionInput>('petition');
    await targets.loadCompletions(fresh.map((i) => i.input.completionExternalId.trim()));
    const knownIds = [
      ...new Set(fresh.map((i) => targets.completions.get(i.input.completionExternalId.trim())?.id)),
    ].filter((id): id is number => id != null);
    const open = new Set(
      (
        await readInChunks(knownIds, (slice) =>
          batch.em.find(Petition, {
            select: { completionId: true },
            where: { completionId: In(slice), status: In(['PENDING', 'APPROVED']) },
          }),
        )
      ).map((p) => p.completionId),
    );
    const openInCall = new Set<CompletionTarget>();
    for (const item of fresh) {
      const input = item.input;
      const key = input.completionExternalId.trim();
      const completion = targets.referenced<CompletionTarget>(item, 'COMPLETION', key, 'completionExternalId');
      if (!completion) continue;
      if (completion.creditPath === 'AUTOMATIC') {
        batch.fail(
          item,
          UserErrorCode.NO_PETITION_NEEDED,
          'This completion counts automatically; it needs no petition.',
          'completionExternalId',
        );
        continue;
      }
      const opens = input.status === 'PENDING' || input.status === 'APPROVED';
      if (opens && (openInCall.has(completion) || (completion.id !== null && open.has(completion.id)))) {
        batch.fail(
          item,
          UserErrorCode.PETITION_ALREADY_OPEN,
          'This completion already has a pending or approved petition.',
          'completionExternalId',
        );
      }
      const policy = policyIn(targets.programs.of(completion.certification.programCode), input.submittedOn);
      const requested =
        input.requestedCeu != null ? parseCeu(input.requestedCeu) : programCeu(completion.contactHourTenths, policy);
      if (requested === null || requested < 1) {
        batch.fail(item, UserErrorCode.OUT_OF_RANGE, 'The CEUs asked for must be from 0.01 to 99.99.', 'requestedCeu');
      }
      let awarded: number | null = null;
      if (input.status === 'APPROVED') {
        awarded = input.awardedCeu != null ? parseCeu(input.awardedCeu) : requested;
        if (awarded === null || awarded < 1 || (requested !== null && awarded > requested)) {
          batch.fail(
            item,
            UserErrorCode.OUT_OF_RANGE,
            'The CEUs awarded must be at least 0.01 and no more than those asked for.',
            'awardedCeu',
          );
        }
      } else if (input.awardedCeu != null) {
        batch.fail(item, UserErrorCode.INVALID_INPUT, 'Only an APPROVED petition awards CEUs.', 'awardedCeu');
      }
      if (input.status === 'DENIED' && !input.decisionReason?.trim()) {
        batch.fail(item, UserErrorCode.REQUIRED, 'A denied petition needs its reason.', 'decisionReason');
      }
      if (input.submittedOn > batch.today) {
        batch.fail(item, UserErrorCode.FUTURE_DATE, 'The submission date is after today.', 'submittedOn');
      } else if (input.submittedOn < completion.completedOn) {
        batch.fail(
          item,
          UserErrorCode.INVALID_DATES,
          'A petition comes after the completion it is for.',
          'submittedOn',
        );
      }
      const decidedOn = input.status === 'PENDING' ? null : (input.decidedOn ?? input.submittedOn);
      if (input.status === 'PENDING' && input.decidedOn != null) {
        batch.fail(item, UserErrorCode.INVALID_INPUT, 'A PENDING petition has not been decided.', 'decidedOn');
      } else if (decidedOn && (decidedOn < input.submittedOn || decidedOn > batch.today)) {
        batch.fail(
          item,
          UserErrorCode.INVALID_DATES,
          'The decision date must lie between the submission and today.',
          'decidedOn',
        );
      }
      const fee = input.fee != null ? parseMoney(input.fee) : policy.petitionFee;
      if (batch.failed(item)) continue;
      if (opens) openInCall.add(completion);
      if (awarded !== null) {
        completion.ceuHundredths = awarded;
        if (completion.row) completion.row.ceuHundredths = awarded;
        else this.awarded.set(completion.id as number, awarded);
      }
      const target: Target = { id: null };
      item.target = target;
      this.petitionWrites.push({
        target,
        completion,
        row: {
          status: input.status,
          justification: input.justification.trim(),
          requestedCeuHundredths: requested as number,
          awardedCeuHundredths: awarded,
          feeCents: fee as number,
          currencyCode: policy.currencyCode,
          decisionReason: input.decisionReason ?? null,
          submittedAt: startOf(input.submittedOn),
          decidedAt: decidedOn ? startOf(decidedOn) : null,
        },
      });
    }
  }

  async checkApplications(): Promise<void> {
    const { batch, targets } = this;
    const fresh = batch.fresh<ImportRecertificationApplicationInput>('recertificationApplication');
    await targets.loadCertifications(fresh.map((i) => normalizeCertificationNumber(i.input.certificationNumber)));
    await targets.loadCompletions(fresh.flatMap((i) => (i.input.completionExternalIds ?? []).map((id) => id.trim())));
    const certificationIds = [
      ...new Set(
        fresh
          .map((i) => targets.certifications.get(normalizeCertificationNumber(i.input.certificationNumber))?.id)
          .filter((id): id is number => id != null),
      ),
    ];
    const live = new Set(
      (
        await readInChunks(certificationIds, (slice) =>
          batch.em.find(RecertificationApplication, {
            select: { certificationId: true, cycleExpiresOn: true, status: true },
            where: { certificationId: In(slice) },
          }),
        )
      )
        .filter((a) => a.status !== 'REFUSED')
        .map((a) => `${a.certificationId}:${a.cycleExpiresOn}`),
    );
    const usedBefore = await this.usedByApprovedApplications(fresh);
    const liveInCall = new Set<string>();
    const usedInCall = new Set<CompletionTarget>();
    for (const item of fresh) {
      const input = item.input;
      const number = normalizeCertificationNumber(input.certificationNumber);
      const certification = targets.certificationFor(item, number);
      if (!certification) continue;
      if (input.status === 'AUDIT_PENDING') {
        batch.fail(
          item,
          UserErrorCode.INVALID_INPUT,
          'Only decided applications (APPROVED or REFUSED) are imported; a trainer applies again through the portal.',
          'status',
        );
        continue;
      }
      const at = certification.cycles.findIndex((c) => c.expiresOn === input.cycleExpiresOn);
      const isPast = at >= 0 && at < certification.cycles.length - 1;
      if (at < 0 || (input.status === 'APPROVED' && !isPast)) {
        batch.fail(
          item,
          UserErrorCode.INVALID_DATES,
          input.status === 'APPROVED'
            ? 'An approved application renewed an earlier cycle: cycleExpiresOn must be one of the certification’s earlier expiries.'
            : 'cycleExpiresOn must be one of the certification’s expiries.',
          'cycleExpiresOn',
        );
        continue;
      }
      const program = targets.programs.of(certification.programCode);
      const policy = policyIn(program, input.receivedOn);
      const cycle = cycleOf(
        { cycleStartsOn: certification.cycles[at].startsOn, expiresOn: input.cycleExpiresOn },
        policy,
      );
      const quote = feeQuote(program.schedules, input.cycleExpiresOn, input.receivedOn, policy);
      if (input.receivedOn > batch.today) {
        batch.fail(item, UserErrorCode.FUTURE_DATE, 'The receipt date is after today.', 'receivedOn');
      } else if (input.receivedOn < cycle.startsOn) {
        batch.fail(item, UserErrorCode.INVALID_DATES, 'The receipt date is before the cycle started.', 'receivedOn');
      } else if (quote.phase === 'CLOSED') {
        batch.fail(
          item,
          UserErrorCode.CLOSED,
          'R8: received a year or more after expiry, when the window was closed.',
          'receivedOn',
        );
      }
      const liveKey = `${number}:${input.cycleExpiresOn}`;
      if (
        input.status === 'APPROVED' &&
        (liveInCall.has(liveKey) ||
          (certification.id !== null && live.has(`${certification.id}:${input.cycleExpiresOn}`)))
      ) {
        batch.fail(item, UserErrorCode.ALREADY_APPLIED, 'This cycle already has an application.', 'cycleExpiresOn');
      }
      if (input.status === 'REFUSED' && !input.refusalReason?.trim()) {
        batch.fail(item, UserErrorCode.REQUIRED, 'A refused application needs its reason.', 'refusalReason');
      }
      const decidedOn = input.decidedOn ?? input.receivedOn;
      if (decidedOn < input.receivedOn || decidedOn > batch.today) {
        batch.fail(
          item,
          UserErrorCode.INVALID_DATES,
          'The decision date must lie between receipt and today.',
          'decidedOn',
        );
      }
      const used: CompletionTarget[] = [];
      (input.completionExternalIds ?? []).forEach((raw, n) => {
        const key = raw.trim();
        const completion = targets.referenced<CompletionTarget>(
          item,
          'COMPLETION',
          key,
          'completionExternalIds',
          String(n),
        );
        if (!completion) return;
        if (completion.certification !== certification || !withinCycle(cycle, completion.completedOn)) {
          batch.fail(
            item,
            UserErrorCode.INVALID_INPUT,
            'This completion is not on the transcript of that cycle (R5).',
            'completionExternalIds',
            String(n),
          );
        } else if (
          input.status === 'APPROVED' &&
          (usedInCall.has(completion) || (completion.id !== null && usedBefore.has(completion.id)))
        ) {
          batch.fail(
            item,
            UserErrorCode.INVALID_INPUT,
            'An approved application already used this completion; it never counts again (R5).',
            'completionExternalIds',
            String(n),
          );
        } else {
          used.push(completion);
        }
      });
      if (batch.failed(item)) continue;
      if (input.status === 'APPROVED') {
        liveInCall.add(liveKey);
        for (const c of used) usedInCall.add(c);
      }
      const target: Target = { id: null };
      item.target = target;
      this.applicationWrites.push({
        target,
        certification,
        completions: used,
        row: {
          cycleExpiresOn: input.cycleExpiresOn,
          receivedOn: input.receivedOn,
          phase: quote.phase,
          feeLineData: quote.lines,
          feeTotalCents: quote.total,
          currencyCode: quote.currencyCode,
          ceuCounted: used.reduce((sum, c) => sum + c.ceuHundredths, 0),
          status: input.status,
          newExpiresOn: input.status === 'APPROVED' ? renewedExpiry(input.cycleExpiresOn, policy) : null,
          refusalReason: input.refusalReason ?? null,
          submittedAt: startOf(input.receivedOn),
          decidedAt: startOf(decidedOn),
        },
      });
    }
  }

  /** Completions of earlier imports or live use that an approved application already counted. */
  private async usedByApprovedApplications(items: Item<ImportRecertificationApplicationInput>[]): Promise<Set<number>> {
    const ids = [
      ...new Set(
        items.flatMap((i) =>
          (i.input.completionExternalIds ?? []).map((id) => this.targets.completions.get(id.trim())?.id ?? null),
        ),
      ),
    ].filter((id): id is number => id !== null);
    const rows = await readInChunks(ids, (slice) =>
      this.batch.em
        .createQueryBuilder(ApplicationCompletion, 'ac')
        .innerJoin(RecertificationApplication, 'a', 'a.id = ac.application_id')
        .select('ac.completion_id', 'completionId')
        .where('ac.completion_id IN (:...slice)', { slice })
        .andWhere("a.status = 'APPROVED'")
        .getRawMany<{ completionId: number }>(),
    );
    return new Set(rows.map((r) => Number(r.completionId)));
  }

  async writeCompletions(): Promise<void> {
    const ids = await insertMany(
      this.batch.em,
      Completion,
      this.completionWrites.map((t) => {
        const course = this.courseOf.get(t);
        return {
          ...t.row,
          certificationId: t.certification.id as number,
          courseId: course ? (course.id as number) : null,
          reportedByProviderId: t.row?.source === 'PROVIDER_REPORTED' && course ? (course.provider.id as number) : null,
        };
      }),
    );
    this.completionWrites.forEach((t, n) => (t.id = ids[n]));
  }

  async writePetitions(): Promise<void> {
    const em = this.batch.em;
    const ids = await insertMany(
      em,
      Petition,
      this.petitionWrites.map((w) => ({
        ...w.row,
        certificationId: w.completion.certification.id as number,
        completionId: w.completion.id as number,
      })),
    );
    this.petitionWrites.forEach((w, n) => (w.target.id = ids[n]));
    for (const [completionId, ceu] of this.awarded) {
      await em.update(Completion, { id: completionId }, { ceuHundredths: ceu });
    }
  }

  async writeApplications(): Promise<void> {
    const em = this.batch.em;
    const ids = await insertMany(
      em,
      RecertificationApplication,
      this.applicationWrites.map((w) => ({ ...w.row, certificationId: w.certification.id as number })),
    );
    this.applicationWrites.forEach((w, n) => (w.target.id = ids[n]));
    await insertMany(
      em,
      ApplicationCompletion,
      this.applicationWrites.flatMap((w) =>
        w.completions.map((c) => ({ applicationId: w.target.id as number, completionId: c.id as number })),
      ),
    );
  }
}
