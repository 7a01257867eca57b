import { IsNull } from 'typeorm';
import { parseGlobalId, toGlobalId } from '../../common/ids';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { Page, PageArgs, paginate } from '../../common/pagination';
import { foldName, likePattern } from '../../common/text';
import { codePoints } from '../../common/validators';
import { applyTransition } from '../../common/transitions';
import { refuse, UserErrorCode } from '../../common/user-errors';
import { isStaff, providerIdOf, RequestContext } from '../../context';
import { Database } from '../../database/database';
import { PROVIDER_TRANSITIONS } from '../../rules/statuses';
import { endCoverage } from '../../rules/coverage';
import { DecisionLogService } from '../decision-log/decision-log.service';
import { WebhookEventType } from '../webhook/event-types';
import {
  AddProviderProgramInput,
  ApplyAsProviderInput,
  ProviderDecisionInput,
  ProviderFilter,
} from './provider.inputs';
import { ProgramCatalog } from '../program/program.facts';
import { ProviderProgram } from '../program/program.entity';
import { NAME_KEY_LENGTH, Provider, ProviderApprovalPeriod } from './provider.entity';

type ProviderAction = 'approve' | 'reject' | 'suspend';

const DECISION_ACTIONS: Record<ProviderAction, string> = {
  approve: 'PROVIDER_APPROVED',
  reject: 'PROVIDER_REJECTED',
  suspend: 'PROVIDER_SUSPENDED',
};

export class ProviderService {
  constructor(
    private readonly db: Database,
    private readonly decisions: DecisionLogService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** The public sees approved providers; a provider also sees itself; staff see all. */
  canSee(ctx: RequestContext, provider: Provider): boolean {
    return isStaff(ctx) || provider.status === 'APPROVED' || provider.id === providerIdOf(ctx);
  }

  async get(ctx: RequestContext, id: number): Promise<Provider | null> {
    const provider = await ctx.loaders.provider.load(id);
    return provider && this.canSee(ctx, provider) ? provider : null;
  }

  list(ctx: RequestContext, filter: ProviderFilter | null | undefined, page: PageArgs): Promise<Page<Provider>> {
    const query = this.db.reader.getRepository(Provider).createQueryBuilder('p');
    if (!isStaff(ctx)) {
      query.where('(p.status = :approved OR p.id = :own)', { approved: 'APPROVED', own: providerIdOf(ctx) ?? 0 });
    }
    if (filter?.status) query.andWhere('p.status = :status', { status: filter.status });
    if (filter?.kind) query.andWhere('p.kind = :kind', { kind: filter.kind });
    if (filter?.text) query.andWhere("p.name_key LIKE :text ESCAPE '\\'", { text: likePattern(filter.text) });
    return paginate(query, page);
  }

  apply(ctx: RequestContext, input: ApplyAsProviderInput): Promise<{ providerId: number }> {
    return this.db.uow.run((em) =>
      this.idempotency.once(em, ctx, 'applyAsProvider', input, async () => {
        const nameKey = foldName(input.name);
        if (!nameKey) refuse(UserErrorCode.REQUIRED, 'The name cannot be blank.', ['input', 'name']);
        if (codePoints(nameKey) > NAME_KEY_LENGTH)
          refuse(UserErrorCode.TOO_LONG, 'The name is too long.', ['input', 'name']);
        if (await em.existsBy(Provider, { nameKey })) {
          refuse(UserErrorCode.DUPLICATE_PROVIDER, 'A provider with this name already exists.', ['input', 'name']);
        }
        const { identifiers } = await em.insert(Provider, {
          kind: 'PARTNER',
          name: input.name.trim(),
          nameKey,
          contactEmail: input.contactEmail.trim(),
          website: input.website ?? null,
          status: 'PENDING',
          statusReason: null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        });
        const providerId = identifiers[0].id as number;
        const catalog = await ProgramCatalog.read(em);
        const codes = input.programCodes?.length
          ? input.programCodes.map(
              (code, i) => catalog.resolve(code, ['input', 'programCodes', String(i)]).program.code,
            )
          : [catalog.default().program.code];
        for (const programCode of new Set(codes)) {
          await em.insert(ProviderProgram, { providerId, programCode, createdAt: ctx.now });
        }
        return { providerId };
      }),
    );
  }

  /**
   * A provider applies to the list of one more program (its own key, or staff for it); logged.
   * Applying again for a program it has is refused.
   */
  addProgram(ctx: RequestContext, input: AddProviderProgramInput): Promise<{ providerId: number }> {
    return this.db.uow.run(async (em) => {
      const own = providerIdOf(ctx);
      const named = input.providerId ? (parseGlobalId(input.providerId)?.id ?? 0) : null;
      const providerId = isStaff(ctx) ? named : own;
      // A provider naming another one is told it does not exist, as for any object of another owner.
      if (own !== null && named !== null && named !== own) {
        refuse(UserErrorCode.NOT_FOUND, 'No provider has this ID.', ['input', 'providerId']);
      }
      const provider = providerId ? await em.findOneBy(Provider, { id: providerId }) : null;
      if (!provider) return refuse(UserErrorCode.NOT_FOUND, 'No provider has this ID.', ['input', 'providerId']);
      const { program } = (await ProgramCatalog.read(em)).resolve(input.programCode, ['input', 'programCode']);
      if (await em.existsBy(ProviderProgram, { providerId: provider.id, programCode: program.code })) {
        refuse(UserErrorCode.INVALID_TRANSITION, `The provider already applied for ${program.code}.`, [
          'input',
          'programCode',
        ]);
      }
      await em.insert(ProviderProgram, { providerId: provider.id, programCode: program.code, createdAt: ctx.now });
      await this.decisions.record(em, ctx, {
        action: 'PROVIDER_PROGRAM_ADDED',
        subjectType: 'Provider',
        subjectId: provider.id,
        details: { program: program.code },
      });
      return { providerId: provider.id };
    });
  }

  /**
   * Staff decisions. Approval opens an approval period from today; suspension ends it today
   * (inclusive), so nothing earned while approved is taken away (R3).
   */
  decide(ctx: RequestContext, action: ProviderAction, input: ProviderDecisionInput): Promise<{ providerId: number }> {
    return this.db.uow.run(async (em) => {
      const field = ['input', 'providerId'];
      const id = parseGlobalId(input.providerId);
      const provider = id?.type === 'Provider' ? await em.findOneBy(Provider, { id: id.id }) : null;
      if (!provider) return refuse(UserErrorCode.NOT_FOUND, 'No provider has this ID.', field);
      const reason = input.reason?.trim() || null;
      if (action !== 'approve' && !reason) {
        refuse(UserErrorCode.REQUIRED, `A reason is required to ${action} a provider.`, ['input', 'reason']);
      }
      if (provider.kind === 'CERTIFYING_BODY') {
        refuse(UserErrorCode.INVALID_TRANSITION, 'The certifying body is always approved.', field);
      }
      await applyTransition(
        em,
        Provider,
        provider,
        PROVIDER_TRANSITIONS,
        action,
        {
          statusReason: action === 'approve' ? null : reason,
          updatedAt: ctx.now,
        },
        field,
      );
      if (action === 'approve') {
        await em.insert(ProviderApprovalPeriod, { providerId: provider.id, from: ctx.today, through: null });
      } else if (action === 'suspend') {
        const open = await em.findBy(ProviderApprovalPeriod, { providerId: provider.id, through: IsNull() });
        for (const period of open) {
          const [ended] = endCoverage([period], ctx.today);
          if (ended) await em.update(ProviderApprovalPeriod, { id: period.id }, { through: ended.through });
          else await em.delete(ProviderApprovalPeriod, { id: period.id });
        }
      }
      await this.decisions.record(em, ctx, {
        action: DECISION_ACTIONS[action],
        subjectType: 'Provider',
        subjectId: provider.id,
        reason,
        details: { status: provider.status, effectiveOn: ctx.today },
        events:
          action === 'reject'
            ? []
            : [
                {
                  type: action === 'approve' ? WebhookEventType.PROVIDER_APPROVED : WebhookEventType.PROVIDER_SUSPENDED,
                  data: { provider: toGlobalId('Provider', provider.id), effectiveOn: ctx.today, reason },
                  providerId: provider.id,
                },
              ],
      });
      return { providerId: provider.id };
    });
  }
}
