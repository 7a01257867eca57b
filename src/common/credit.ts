import { Field, ObjectType } from 'type-graphql';
import { describeEnum, enumOf } from './enums';
import { CreditPath as Path, CreditReason as Reason } from '../rules/coverage';

export const CreditPath = enumOf<Path>(['AUTOMATIC', 'PETITION_REQUIRED']);
export type CreditPath = Path;
describeEnum(CreditPath, 'CreditPath', 'How a completion earns credit (R3).', {
  AUTOMATIC: 'Pre-approved: the provider was approved and the course approval covered the date.',
  PETITION_REQUIRED: 'Not pre-approved: earns nothing unless a petition is approved.',
});

export const CreditReason = enumOf<Reason>([
  'PRE_APPROVED',
  'PROVIDER_NOT_APPROVED_ON_DATE',
  'COURSE_NOT_APPROVED_ON_DATE',
  'NOT_IN_CATALOGUE',
]);
export type CreditReason = Reason;
describeEnum(CreditReason, 'CreditReason', 'Why a completion has its credit path (R3/R4).', {
  PRE_APPROVED: 'The provider was approved and the course approval covered the date.',
  PROVIDER_NOT_APPROVED_ON_DATE: 'The provider was not approved on the date (pending, rejected or suspended).',
  COURSE_NOT_APPROVED_ON_DATE: 'No course approval covered the date (not yet approved, rejected, retired or lapsed).',
  NOT_IN_CATALOGUE: 'The course or event is not in the catalogue.',
});

const EXPLANATIONS: Record<Reason, string> = {
  PRE_APPROVED: 'Counts automatically: approved provider and course approval covering the date.',
  PROVIDER_NOT_APPROVED_ON_DATE: 'Needs a petition: the provider was not approved on that date.',
  COURSE_NOT_APPROVED_ON_DATE: 'Needs a petition: no course approval covered that date.',
  NOT_IN_CATALOGUE: 'Needs a petition: the course is not in the catalogue.',
};

@ObjectType({ description: 'The credit path of a completion on a date, and why (R3).' })
export class CreditDecision {
  @Field(() => CreditPath, { description: 'AUTOMATIC or PETITION_REQUIRED.' })
  path!: CreditPath;

  @Field(() => CreditReason, { description: 'Machine-readable reason.' })
  reason!: CreditReason;

  @Field({ description: 'The reason in words.' })
  explanation!: string;
}

export function creditDecision(path: Path, reason: Reason): CreditDecision {
  return { path, reason, explanation: EXPLANATIONS[reason] };
}
