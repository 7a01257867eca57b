import { EntityManager } from 'typeorm';
import { byIdLoader, groupLoader } from '../../common/loader-helpers';
import { Completion } from './completion.entity';
import { CompletionReport, ReportRowResult } from './completion-report.entity';

export function completionLoaders(em: EntityManager) {
  return {
    completion: byIdLoader(em, Completion),
    completionReport: byIdLoader(em, CompletionReport),
    /** The rows of reports, in input order. */
    completionReportRows: groupLoader(em, ReportRowResult, 'reportId', { index: 'ASC' }),
  };
}
