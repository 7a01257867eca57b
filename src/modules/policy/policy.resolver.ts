import { Arg, Authorized, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { DecimalScalar, Money, money } from '../../common/scalars';
import { Payload } from '../../common/user-errors';
import { apiError } from '../../common/errors';
import { RequestContext } from '../../context';
import { FeeScheduleEntry, HandsOnWaiverPeriod } from './policy.entity';
import {
  CorrectFeeScheduleInput,
  CorrectHandsOnWaiverInput,
  SetFeeScheduleInput,
  SetHandsOnWaiverInput,
  SetProgramPolicyInput,
} from './policy.inputs';
import { PolicyService } from './policy.service';
import { ProgramService } from '../program/program.service';
import { policyIn } from '../program/program.facts';

@ObjectType({ description: 'Result of setting or correcting a fee schedule.' })
export class FeeSchedulePayload extends Payload {
  @Field(() => FeeScheduleEntry, {
    nullable: true,
    description: 'The new schedule (for a correction, the one replacing the corrected one); null when refused.',
  })
  feeSchedule?: FeeScheduleEntry | null;
}

@ObjectType({ description: 'Result of declaring, changing or correcting a hands-on waiver.' })
export class HandsOnWaiverPayload extends Payload {
  @Field(() => HandsOnWaiverPeriod, {
    nullable: true,
    description: 'The waiver (for a correction, the one replacing the corrected one); null when refused.',
  })
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
  constructor(
    private readonly service: PolicyService,
    private readonly programs: ProgramService,
  ) {}

  @Query(() => ProgramPolicySettings, {
    description: 'The settings of a program in force today (R6, R11); see `programs` for every number. Open to anyone.',
  })
  async programPolicy(
    @Ctx() ctx: RequestContext,
    @Arg('programCode', () => String, { nullable: true, description: 'The program; left out, the default one.' })
    programCode?: string | null,
  ): Promise<ProgramPolicySettings> {
    return this.settings(ctx, programCode);
  }

  @Authorized('STAFF')
  @Mutation(() => ProgramPolicyPayload, {
    description:
      'Change the audit rate, the audit documents window or the petition fee, from now on (petitions and audits already made keep theirs). Staff only; logged with the values before and after.',
  })
  async setProgramPolicy(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: SetProgramPolicyInput,
  ): Promise<ProgramPolicyPayload> {
    const { code } = await this.service.setProgramPolicy(ctx, input);
    return { programPolicy: await this.settings(ctx, code), userErrors: [] };
  }

  private async settings(ctx: RequestContext, programCode: string | null | undefined): Promise<ProgramPolicySettings> {
    const catalog = await this.programs.catalog();
    const facts = programCode == null ? catalog.default() : catalog.find(programCode);
    if (!facts) throw apiError('BAD_USER_INPUT', `No credential program has the code ${programCode}.`);
    const policy = policyIn(facts, ctx.today);
    return {
      programCode: facts.program.code,
      auditRate: String(policy.auditRate),
      auditDocumentsDays: policy.auditDocumentsDays,
      petitionFee: money(policy.petitionFee, policy.currencyCode),
    };
  }

  @Query(() => [FeeScheduleEntry], {
    description:
      'Dated recertification fee schedules of a program, oldest first; before the first, the standard fees of the program’s policy apply (CPT: 99.00 / 30.00 / 50.00 USD) (R8). Open to anyone.',
  })
  feeSchedules(
    @Arg('programCode', () => String, { nullable: true, description: 'The program; left out, the default one.' })
    programCode: string | null | undefined,
    @Arg('includeSuperseded', () => Boolean, {
      defaultValue: false,
      description: 'Also list schedules replaced by a correction (their `supersededBy` names the correction).',
    })
    includeSuperseded: boolean,
  ) {
    return this.service.feeSchedules(programCode, includeSuperseded);
  }

  @Query(() => [HandsOnWaiverPeriod], {
    description: 'Hands-on waiver periods for CPR/AED cards of a program, oldest first (R7). Open to anyone.',
  })
  handsOnWaivers(
    @Arg('programCode', () => String, { nullable: true, description: 'The program; left out, the default one.' })
    programCode: string | null | undefined,
    @Arg('includeSuperseded', () => Boolean, {
      defaultValue: false,
      description: 'Also list waivers replaced by a correction (their `supersededBy` names the correction).',
    })
    includeSuperseded: boolean,
  ) {
    return this.service.waivers(programCode, includeSuperseded);
  }

  @Authorized('STAFF')
  @Mutation(() => FeeSchedulePayload, {
    description:
      'Set new fees for applications received on or after a date, today or later (R8): fees in force are never rewritten. Staff only; logged.',
  })
  async setFeeSchedule(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: SetFeeScheduleInput,
  ): Promise<FeeSchedulePayload> {
    const { id } = await this.service.setFeeSchedule(ctx, input);
    return { feeSchedule: (await this.service.scheduleById(id)) ?? null, userErrors: [] };
  }

  @Authorized('STAFF')
  @Mutation(() => FeeSchedulePayload, {
    description:
      'Correct a fee schedule entered wrongly, also one in force (R8): a new schedule replaces it and the old one stays readable. Needs a reason. Staff only; logged with the values before and after.',
  })
  async correctFeeSchedule(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to correct; see the input type.' }) input: CorrectFeeScheduleInput,
  ): Promise<FeeSchedulePayload> {
    const { id } = await this.service.correctFeeSchedule(ctx, input);
    return { feeSchedule: (await this.service.scheduleById(id)) ?? null, userErrors: [] };
  }

  @Authorized('STAFF')
  @Mutation(() => HandsOnWaiverPayload, {
    description:
      'Declare a hands-on waiver period from today or later, or lift one today or later (R7): days before today are never moved. Staff only; logged.',
  })
  async setHandsOnWaiver(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: SetHandsOnWaiverInput,
  ): Promise<HandsOnWaiverPayload> {
    const { id } = await this.service.setHandsOnWaiver(ctx, input);
    return { waiver: (await this.service.waiverById(id)) ?? null, userErrors: [] };
  }

  @Authorized('STAFF')
  @Mutation(() => HandsOnWaiverPayload, {
    description:
      'Correct a hands-on waiver entered wrongly, also its past days (R7): a new waiver replaces it and the old one stays readable. Needs a reason. Staff only; logged with the dates before and after.',
  })
  async correctHandsOnWaiver(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to correct; see the input type.' }) input: CorrectHandsOnWaiverInput,
  ): Promise<HandsOnWaiverPayload> {
    const { id } = await this.service.correctHandsOnWaiver(ctx, input);
    return { waiver: (await this.service.waiverById(id)) ?? null, userErrors: [] };
  }
}
