import DataLoader from 'dataloader';
import { EntityManager, In } from 'typeorm';
import { CourseProgramApproval } from '../program/program.entity';
import { leanRowsIn } from '../../database/lean';
import { byIdLoader, groupLoader } from '../../common/loader-helpers';
import { LocalDate } from '../../rules/calendar';
import { Course, CourseApprovalPeriod, CourseTopic, Topic } from './course.entity';
import { approvedThroughSql } from './credit-path.sql';

export function courseLoaders(em: EntityManager) {
  return {
    course: byIdLoader(em, Course),
    /** Each course's last approved day (null before approval), for courses not read with it. */
    courseApprovedThrough: new DataLoader<number, LocalDate | null>(async (ids) => {
      const rows = await em
        .createQueryBuilder()
        .select('c.id', 'id')
        .addSelect(approvedThroughSql('c'), 'through')
        .from(Course, 'c')
        .where('c.id IN (:...ids)', { ids })
        .getRawMany<{ id: number | string; through: LocalDate | null }>();
      const byId = new Map(rows.map((r) => [Number(r.id), r.through ?? null]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    coursePeriods: groupLoader(em, CourseApprovalPeriod, 'courseId', { from: 'ASC' }),
    /** Each course's approvals per program, by program code. */
    courseApprovals: new DataLoader<number, CourseProgramApproval[]>(async (ids) => {
      const rows = await em.findBy(CourseProgramApproval, { courseId: In([...ids]) });
      const byCourse = new Map<number, CourseProgramApproval[]>(ids.map((id) => [id, []]));
      for (const row of rows.sort((a, b) => (a.programCode < b.programCode ? -1 : 1)))
        byCourse.get(row.courseId)?.push(row);
      return ids.map((id) => byCourse.get(id) ?? []);
    }),
    courseTopics: new DataLoader<number, Topic[]>(async (ids) => {
      const rows = await leanRowsIn(em, CourseTopic, 'course_id', ids, [
        ['course_id', 'ASC'],
        ['topic', 'ASC'],
      ]);
      const byCourse = new Map<number, Topic[]>(ids.map((id) => [id, []]));
      for (const row of rows) byCourse.get(row.courseId)?.push(row.topic);
      return ids.map((id) => byCourse.get(id) ?? []);
    }),
  };
}
