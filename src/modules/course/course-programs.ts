import { EntityManager } from 'typeorm';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { programCeu } from '../../rules/policy';
import { formatCeu, parseCeu } from '../../rules/units';
import { CourseProgramApproval, ProviderProgram } from '../program/program.entity';
import { policyIn, ProgramFacts } from '../program/program.facts';
import { Provider } from '../provider/provider.entity';
import { Course } from './course.entity';

/** What staff decide when they approve a course for a program. */
export interface ProgramApprovalRequest {
  program: ProgramFacts;
  /** The CEU value for the program; null for its R2 default (contact hours × its rate). */
  ceuValue: string | null | undefined;
  /** The program category the course's credit belongs to; required when the program has categories. */
  categoryCode: string | null | undefined;
  /** Where a refusal points. */
  field: string[];
}

/**
 * R2/R3 per program: approve `course` for a program from today, with that program's CEU value and
 * category, in the caller's unit of work. The provider must have applied for the program (the
 * certifying body's own courses may go on any list); the category must be one of the program's,
 * and is required when it has any. The default program's value is also the course's `ceuValue`.
 * Returns what was recorded, for the decision log.
 */
export async function approveForProgram(
  em: EntityManager,
  ctx: RequestContext,
  course: Course,
  provider: Provider,
  request: ProgramApprovalRequest,
): Promise<{ program: string; ceuValue: string; category: string | null }> {
  const { program, field } = request;
  const code = program.program.code;
  if (
    provider.kind !== 'CERTIFYING_BODY' &&
    !(await em.existsBy(ProviderProgram, { providerId: provider.id, programCode: code }))
  ) {
    refuse(
      UserErrorCode.NOT_APPROVED_FOR_PROGRAM,
      `The provider has not applied for ${code}; it applies with addProviderProgram first.`,
      [...field, 'programCode'],
    );
  }
  if (await em.existsBy(CourseProgramApproval, { courseId: course.id, programCode: code })) {
    refuse(UserErrorCode.INVALID_TRANSITION, `The course is already approved for ${code}.`, [...field, 'programCode']);
  }
  const policy = policyIn(program, ctx.today);
  const ceu = request.ceuValue ? parseCeu(request.ceuValue) : programCeu(course.contactHourTenths, policy);
  if (ceu === null || ceu < 1 || ceu > 99_99) {
    refuse(UserErrorCode.OUT_OF_RANGE, 'The CEU value must be between 0.01 and 99.99.', [...field, 'ceuValue']);
  }
  const categoryCode = request.categoryCode?.trim().toUpperCase() || null;
  if (policy.categories.length && !categoryCode) {
    refuse(
      UserErrorCode.REQUIRED,
      `${code} counts credit by category: name one of ${policy.categories.map((c) => c.code).join(', ')}.`,
      [...field, 'categoryCode'],
    );
  }
  if (categoryCode && !policy.categories.some((c) => c.code === categoryCode)) {
    refuse(
      UserErrorCode.INVALID_INPUT,
      policy.categories.length
        ? `${code} has no category ${categoryCode}; its categories are ${policy.categories.map((c) => c.code).join(', ')}.`
        : `${code} has no categories.`,
      [...field, 'categoryCode'],
    );
  }
  await em.insert(CourseProgramApproval, {
    courseId: course.id,
    programCode: code,
    ceuHundredths: ceu as number,
    categoryCode,
    approvedFrom: ctx.today,
    createdAt: ctx.now,
  });
  if (program.program.isDefault) await em.update(Course, { id: course.id }, { ceuHundredths: ceu as number });
  return { program: code, ceuValue: formatCeu(ceu as number), category: categoryCode };
}
