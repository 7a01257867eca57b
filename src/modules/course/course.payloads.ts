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
