import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { connectionType, PageArgs } from '../../common/pagination';
import { RequestContext } from '../../context';
import { DecisionLogEntry } from './decision-log.entity';
import { DecisionLogFilter } from './decision-log.inputs';
import { DecisionLogService } from './decision-log.service';

const DecisionLogConnection = connectionType(DecisionLogEntry, 'DecisionLogEntry');

@Resolver(() => DecisionLogEntry)
export class DecisionLogResolver {
  constructor(private readonly decisions: DecisionLogService) {}

  @Authorized('STAFF')
  @Query(() => DecisionLogConnection, {
    description: 'The append-only log of staff decisions, oldest first. Staff only.',
  })
  async decisionLog(
    @Ctx() _ctx: RequestContext,
    @Args() page: PageArgs,
    @Arg('filter', () => DecisionLogFilter, { nullable: true, description: 'Narrow the list.' })
    filter?: DecisionLogFilter | null,
  ) {
    return DecisionLogConnection.of(await this.decisions.list(filter, page));
  }
}
