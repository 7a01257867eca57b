import { fromGlobalId } from '../../common/ids';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { RequestContext, trainerIdOf } from '../../context';
import { Database } from '../../database/database';
import { Trainer } from '../trainer/trainer.entity';
import { CprAedCredential } from './cpr-aed.entity';
import { RecordCprAedCredentialInput } from './cpr-aed.inputs';

export class CprAedService {
  constructor(
    private readonly db: Database,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** R7: a CPR/AED card on the trainer's record; whether it counts is decided on each date. */
  record(ctx: RequestContext, input: RecordCprAedCredentialInput): Promise<{ credentialId: number }> {
    return this.db.uow.run((em) =>
      this.idempotency.once(em, ctx, 'recordCprAedCredential', input, async () => {
        const own = trainerIdOf(ctx);
        const named = input.trainerId ? fromGlobalId('Trainer', input.trainerId) : null;
        // A trainer records their own cards: naming another trainer is refused as unknown to them.
        const trainerId = own !== null && input.trainerId && named !== own ? null : (own ?? named);
        if (!trainerId || !(await em.existsBy(Trainer, { id: trainerId }))) {
          return refuse(UserErrorCode.NOT_FOUND, 'No trainer has this ID.', ['input', 'trainerId']);
        }
        if (input.issuedOn > ctx.today) {
          refuse(UserErrorCode.FUTURE_DATE, 'The issue date is after today.', ['input', 'issuedOn']);
        }
        if (input.expiresOn <= input.issuedOn) {
          refuse(UserErrorCode.INVALID_DATES, 'The card must expire after it was issued.', ['input', 'expiresOn']);
        }
        const { identifiers } = await em.insert(CprAedCredential, {
          trainerId,
          issuer: input.issuer.trim(),
          cardNumber: input.cardNumber?.trim() || null,
          issuedOn: input.issuedOn,
          expiresOn: input.expiresOn,
          coversAdultCpr: input.coversAdultCpr,
          coversAed: input.coversAed,
          format: input.format,
          createdAt: ctx.now,
        });
        return { credentialId: identifiers[0].id as number };
      }),
    );
  }
}
