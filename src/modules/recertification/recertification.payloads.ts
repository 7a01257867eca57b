import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/pagination';
import { money } from '../../common/scalars';
import { Payload } from '../../common/user-errors';
import { LocalDate } from '../../rules/calendar';
import { Compliance as Decided } from '../../rules/compliance';
import { formatCeu } from '../../rules/units';
import { CprAedCredential } from '../cpr-aed/cpr-aed.entity';
import { feeLines, RecertificationApplication } from './recertification.entity';
import { Compliance, RecertificationQuote } from './recertification.types';

@ObjectType({ description: 'Result of a recertification application.' })
export class RecertificationPayload extends Payload {
  @Field(() => RecertificationApplication, {
    nullable: true,
    description: 'The application; null when refused (see userErrors for every blocker).',
  })
  application?: RecertificationApplication | null;
}

export const RecertificationApplicationConnection = connectionType(
  RecertificationApplication,
  'RecertificationApplication',
);

const CPR_AED_REASONS: Record<Decided['cprAed']['status'], string> = {
  VALID: 'A current card covering adult CPR and AED with a hands-on skills assessment.',
  ACCEPTED_UNDER_WAIVER:
    'An online-only card issued during a hands-on waiver: accepted; a hands-on assessment is recommended.',
  MISSING: 'No CPR/AED card on record.',
  EXPIRED: 'The CPR/AED card has expired.',
  COVERAGE_INCOMPLETE: 'The CPR/AED card does not cover both adult CPR and AED.',
  HANDS_ON_REQUIRED:
    'The CPR/AED card is online-only and no waiver covers it: a hands-on skills assessment is required.',
};

export function quoteView(decided: Decided, receivedOn: LocalDate): RecertificationQuote {
  return {
    receivedOn,
    phase: decided.phase,
    fees: feeLines(decided.fee.lines, decided.fee.currencyCode),
    total: money(decided.fee.total, decided.fee.currencyCode),
    acceptable: decided.acceptable,
    blockers: decided.blockers,
  };
}

/** The engine's answer in the API's words: decimals as exact strings, the card as an object. */
export function complianceView(decided: Decided, asOf: LocalDate, credential: CprAedCredential | null): Compliance {
  const ce = decided.continuingEducation;
  return {
    asOf,
    cycle: decided.cycle,
    status: decided.status,
    window: { ...decided.window, phase: decided.phase },
    continuingEducation: {
      earnedAutomatic: formatCeu(ce.earnedAutomatic),
      earnedByPetition: formatCeu(ce.earnedByPetition),
      earned: formatCeu(ce.earned),
      pending: formatCeu(ce.pending),
      required: formatCeu(ce.required),
      remaining: formatCeu(ce.remaining),
    },
    cprAed: {
      status: decided.cprAed.status,
      counts: decided.cprAed.counts,
      reason: CPR_AED_REASONS[decided.cprAed.status],
      advisories: decided.cprAed.advisories,
      earned: formatCeu(decided.cprAed.ceu),
      required: formatCeu(decided.cprAed.required),
      credential,
    },
    categories: decided.summary.categories.map((c) => ({
      code: c.code,
      name: c.name,
      earned: formatCeu(c.earned),
      counted: formatCeu(c.counted),
      maximum: c.maximumCeu === null ? null : formatCeu(c.maximumCeu),
      minimum: c.minimumCeu === null ? null : formatCeu(c.minimumCeu),
    })),
    ownCourses: {
      earned: formatCeu(decided.summary.ownCourses.earned),
      counted: formatCeu(decided.summary.ownCourses.counted),
      minimum: formatCeu(decided.policyMinimumOwnCourses),
    },
    cappedCeu: formatCeu(decided.summary.capped),
    totalEarned: formatCeu(decided.totalEarned),
    totalRequired: formatCeu(decided.totalRequired),
    quote: quoteView(decided, asOf),
    acceptable: decided.acceptable,
    blockers: decided.blockers,
    nextDeadline: decided.nextDeadline ? { date: decided.nextDeadline.date, kind: decided.nextDeadline.what } : null,
  };
}
