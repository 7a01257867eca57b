import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Payload } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { FeeScheduleEntry, HandsOnWaiverPeriod } from './policy.entity';
import { SetFeeScheduleInput, SetHandsOnWaiverInput } from './policy.inputs';
import { PolicyService } from './policy.service';

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

@Resolver()
export class PolicyResolver {
  constructor(private readonly service: PolicyService) {}

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
