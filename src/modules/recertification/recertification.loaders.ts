import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { byIdLoader, groupLoader } from '../../common/loader-helpers';
import { ApiKey } from '../api-key/api-key.entity';
import { Audit, AuditDocument } from '../audit/audit.entity';
import { FeeScheduleEntry, HandsOnWaiverPeriod } from '../policy/policy.entity';
import { CertificationRecord, readCertificationRecords, RecordKey, recordKey } from './certification-record';
import { RecertificationApplication } from './recertification.entity';

export function recertificationLoaders(em: EntityManager) {
  return {
    application: byIdLoader(em, RecertificationApplication),
    audit: byIdLoader(em, Audit),
    auditsByApplication: groupLoader(em, Audit, 'applicationId'),
    documentsByAudit: groupLoader(em, AuditDocument, 'auditId'),
    feeSchedule: byIdLoader(em, FeeScheduleEntry),
    waiver: byIdLoader(em, HandsOnWaiverPeriod),
    apiKey: byIdLoader(em, ApiKey),
    certificationRecord: new DataLoader<RecordKey, CertificationRecord, string>(
      (keys) => readCertificationRecords(em, keys),
      { cacheKeyFn: recordKey },
    ),
  };
}
