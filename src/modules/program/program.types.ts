import { Field, Int, ObjectType } from 'type-graphql';
import { Payload } from '../../common/user-errors';
import { DateScalar, DecimalScalar, Money, money } from '../../common/scalars';
import { LocalDate } from '../../rules/calendar';
import { continuingEducationRequired, ProgramPolicy } from '../../rules/policy';
import { formatCeu } from '../../rules/units';

@ObjectType({ description: 'A category of credit of a program, with its caps per cycle.' })
export class ProgramCategory {
  @Field({ description: 'Code, unique in the program, e.g. PRACTICAL.' })
  code!: string;

  @Field({ description: 'Name shown to trainers.' })
  name!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'At most this many CEUs of it count in a cycle; null for no cap.',
  })
  maximumCeu!: string | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'At least this many CEUs of it must count in a cycle; null for no minimum.',
  })
  minimumCeu!: string | null;
}

@ObjectType({
  description:
    'A program’s recertification policy in force for receipts on or after a date: every number its rules read (R1, R2, R5–R8, R11, categories and caps).',
})
export class ProgramPolicyVersion {
  @Field(() => DateScalar, { description: 'First receipt date the version applies to.' })
  effectiveFrom!: LocalDate;

  @Field(() => Int, { description: 'R1: months in a cycle.' })
  cycleMonths!: number;

  @Field(() => DecimalScalar, { description: 'R1: CEUs required in a cycle, CPR/AED included.' })
  requiredCeu!: string;

  @Field(() => DecimalScalar, {
    description: 'R1: the continuing-education part: required CEUs less what CPR/AED brings.',
  })
  continuingEducationCeu!: string;

  @Field(() => DecimalScalar, { description: 'R2: CEUs one contact hour is worth.' })
  ceuPerContactHour!: string;

  @Field({ description: 'R1/R7: a current CPR/AED credential is required.' })
  cprAedRequired!: boolean;

  @Field(() => DecimalScalar, { description: 'R1: CEUs a current CPR/AED credential brings.' })
  cprAedCeu!: string;

  @Field({ description: 'R7: the CPR/AED credential must include a hands-on skills assessment (waivers aside).' })
  handsOnRequired!: boolean;

  @Field(() => Int, { description: 'R5: days after expiry during which coursework still counts.' })
  courseworkGraceDays!: number;

  @Field(() => Int, { description: 'R8: days after expiry with the late fee only.' })
  lateWindowDays!: number;

  @Field(() => Int, {
    description: 'R8/R12: months after expiry at which the window closes and the credential lapses.',
  })
  closeAfterMonths!: number;

  @Field(() => Int, { description: 'R7: days after a waiver is lifted during which online-only cards are accepted.' })
  waiverGraceDays!: number;

  @Field(() => Money, { description: 'R6: fee per petition, never refunded.' })
  petitionFee!: Money;

  @Field(() => Money, { description: 'R8: standard recertification fee, when no fee schedule is in force.' })
  recertificationFee!: Money;

  @Field(() => Money, { description: 'R8: standard late fee, when no fee schedule is in force.' })
  lateFee!: Money;

  @Field(() => Money, { description: 'R8: standard additional fee, when no fee schedule is in force.' })
  additionalFee!: Money;

  @Field(() => DecimalScalar, { description: 'R11: share of accepted applications audited.' })
  auditRate!: string;

  @Field(() => Int, { description: 'R11: days after selection by which audit documents are due.' })
  auditDocumentsDays!: number;

  @Field(() => [ProgramCategory], { description: 'Categories of credit, in the program’s order; empty when none.' })
  categories!: ProgramCategory[];

  @Field(() => Int, { description: 'At least this many categories must count some CEUs in a cycle.' })
  minimumCategories!: number;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'At most this many CEUs of one completion count; null for no cap.',
  })
  maximumCeuPerEvent!: string | null;

  @Field(() => DecimalScalar, {
    description: 'At least this many CEUs must come from the certifying body’s own courses.',
  })
  minimumOwnCoursesCeu!: string;

  @Field(() => [Int], {
    description:
      'Days before expiry at which a `certification.expiring` webhook event is sent, largest first (default 90, 60, 30, 7).',
  })
  reminderDays!: number[];
}

/** The GraphQL view of a policy in force from a date. */
export function policyVersionView(policy: ProgramPolicy, effectiveFrom: LocalDate): ProgramPolicyVersion {
  const ceu = (value: number | null) => (value === null ? null : formatCeu(value));
  return {
    effectiveFrom,
    cycleMonths: policy.cycleMonths,
    requiredCeu: formatCeu(policy.requiredCeu),
    continuingEducationCeu: formatCeu(continuingEducationRequired(policy)),
    ceuPerContactHour: formatCeu(policy.ceuPerContactHour),
    cprAedRequired: policy.cprAedRequired,
    cprAedCeu: formatCeu(policy.cprAedCeu),
    handsOnRequired: policy.handsOnRequired,
    courseworkGraceDays: policy.courseworkGraceDays,
    lateWindowDays: policy.lateWindowDays,
    closeAfterMonths: policy.closeAfterMonths,
    waiverGraceDays: policy.waiverGraceDays,
    petitionFee: money(policy.petitionFee, policy.currencyCode),
    recertificationFee: money(policy.recertificationFee, policy.currencyCode),
    lateFee: money(policy.lateFee, policy.currencyCode),
    additionalFee: money(policy.additionalFee, policy.currencyCode),
    auditRate: String(policy.auditRate),
    auditDocumentsDays: policy.auditDocumentsDays,
    categories: policy.categories.map((c) => ({
      code: c.code,
      name: c.name,
      maximumCeu: ceu(c.maximumCeu),
      minimumCeu: ceu(c.minimumCeu),
    })),
    minimumCategories: policy.minimumCategories,
    maximumCeuPerEvent: ceu(policy.maximumCeuPerEvent),
    minimumOwnCoursesCeu: formatCeu(policy.minimumOwnCoursesCeu),
    reminderDays: [...policy.reminderDays],
  };
}

@ObjectType('Program', {
  description:
    'A credential program: a certification with its own recertification policy, fee schedules and hands-on waivers. Courses are approved per program.',
})
export class ProgramView {
  @Field({ description: 'Code, e.g. CPT.' })
  code!: string;

  @Field({ description: 'Name of the credential.' })
  name!: string;

  @Field({ description: 'ISO 4217 currency of its fees.' })
  currencyCode!: string;

  @Field({ description: 'True for the program an operation means when it names none.' })
  isDefault!: boolean;

  @Field(() => ProgramPolicyVersion, { description: 'The policy in force today.' })
  policy!: ProgramPolicyVersion;

  @Field(() => [ProgramPolicyVersion], {
    description: 'Every policy version, oldest first, including those dated in the future.',
  })
  policyVersions!: ProgramPolicyVersion[];
}

@ObjectType({ description: 'Result of defining a program or changing its policy.' })
export class ProgramPayload extends Payload {
  @Field(() => ProgramView, { nullable: true, description: 'The program as it stands now; null when refused.' })
  program?: ProgramView | null;
}
