import { DateScalar, DecimalScalar } from '../../common/scalars';
import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '../../common/pagination';
import { Payload } from '../../common/user-errors';
import { Course } from './course.entity';

@ObjectType({ description: 'Result of a mutation on a course.' })
export class CoursePayload extends Payload {
  @Field(() => Course, { nullable: true, description: 'The course as it is now; null when refused.' })
  course?: Course | null;
}

export const CourseConnection = connectionType(Course, 'Course');

@ObjectType('CourseProgramApproval', {
  description: 'A course’s approval for one credential program (R2/R3 per program).',
})
export class CourseProgramApprovalView {
  @Field({ description: 'The program, e.g. GFI.' })
  programCode!: string;

  @Field(() => DecimalScalar, { description: 'CEUs the course is worth for the program.' })
  ceuValue!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The program category of its credit; null when the program has none.',
  })
  categoryCode!: string | null;

  @Field(() => DateScalar, {
    description: 'First day the program counts the course (its approval periods still apply).',
  })
  approvedFrom!: string;
}
