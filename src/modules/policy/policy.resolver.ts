import { Arg, Authorized, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { DecimalScalar, Money, money } from '../../common/scalars';
import { Payload } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { FeeScheduleEntry, HandsOnWaiverPeriod } from './policy.entity';
import { SetFeeScheduleInput, SetHandsOnWaiverInput, SetProgramPolicyInput } from './policy.inputs';
import { PolicyService, PROGRAM } from './policy.service';

@ObjectType({ description: 'Result of setting a fee schedule.' })
export class FeeSchedulePayload extends Payload {
  @Field(() => FeeScheduleEntry, { nullable: true, description: 'The schedule; null when refused.' })
  feeSchedule?: FeeScheduleEntry | null;
}

@ObjectType({ description: 'Result of declaring or changing a hands-on waiver.' })
export class HandsOnWaiverPayload extends Payload {
  @Field(() => HandsOnWaiverPeriod, { nullable: true, description: 'The waiver; null when refused.' })
  waiver?: HandsOnWaiverPeriod | null;
}

@ObjectType({ description: 'Program-wide recertification settings (R6, R11).' })
export class ProgramPolicySettings {
  @Field({ description: 'Credential program, e.g. CPT.' })
  programCode!: string;

  @Field(() => DecimalScalar, { description: 'Share of accepted applications audited, e.g. "0.1" (R11).' })
  auditRate!: string;

  @Field(() => Int, { description: 'Days after selection by which audit documents are due (R11).' })
  auditDocumentsDays!: number;

  @Field(() => Money, { description: 'Fee charged per petition, never refunded (R6).' })
  petitionFee!: Money;
}

@ObjectType({ description: 'Result of changing the program settings.' })
export class ProgramPolicyPayload extends Payload {
  @Field(() => ProgramPolicySettings, { nullable: true, description: 'The settings now in force; null when refused.' })
  programPolicy?: ProgramPolicySettings | null;
}

@Resolver()
export class PolicyResolver {
  constructor(private readonly service: PolicyService) {}

  @Query(() => ProgramPolicySettings, { description: 'The program settings in force (R6, R11). Open to anyone.' })
  async programPolicy(): Promise<ProgramPolicySettings> {
    return this.settings();
  }

  @Authorized('STAFF')
  @Mutation(() => ProgramPolicyPayload, {
    description: 'Change the audit rate, the audit documents window or the petition fee. Staff only; logged.',
  })
  async setProgramPolicy(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: SetProgramPolicyInput,
  ): Promise<ProgramPolicyPayload> {
    await this.service.setProgramPolicy(ctx, input);
    return { programPolicy: await this.settings(), userErrors: [] };
  }

  private async settings(): Promise<ProgramPolicySettings> {
    const { policy } = await this.service.facts();
    return {
      programCode: PROGRAM,
      auditRate: String(policy.auditRate),
      auditDocumentsDays: policy.auditDocumentsDays,
      petitionFee: money(policy.petitionFee, policy.currencyCode),
    };
  }

  @Query(() => [FeeScheduleEntry], {
    description:
      'Dated recertification fee schedules, oldest first; without any, 99.00 / 30.00 / 50.00 USD apply (R8). Open to anyone.',
  })
  feeSchedules() {
    return this.service.feeSchedules();
  }

  @Query(() => [HandsOnWaiverPeriod], {
    description: 'Hands-on waiver periods for CPR/AED cards, oldest first (R7). Open to anyone.',
  })
  handsOnWaivers() {
    return this.service.waivers();
  }

  @Authorized('STAFF')
  @Mutation(() => FeeSchedulePayload, {
    description: 'Set the fees for applications received on or after a date (R8). Staff only; logged.',
  })
  async setFeeSchedule(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: SetFeeScheduleInput,
  ): Promise<FeeSchedulePayload> {
    const { id } = await this.service.setFeeSchedule(ctx, input);
    return { feeSchedule: (await this.service.feeSchedules()).find((s) => s.id === id) ?? null, userErrors: [] };
  }

  @Authorized('STAFF')
  @Mutation(() => HandsOnWaiverPayload, {
    description: 'Declare a hands-on waiver period, or lift one (R7). Staff only; logged.',
  })
  async setHandsOnWaiver(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: SetHandsOnWaiverInput,
  ): Promise<HandsOnWaiverPayload> {
    const { id } = await this.service.setHandsOnWaiver(ctx, input);
    return { waiver: (await this.service.waivers()).find((w) => w.id === id) ?? null, userErrors: [] };
  }
}
