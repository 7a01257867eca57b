import { ArrayMaxSize } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { describeEnum, enumOf } from '../../common/enums';
import { parseGlobalId } from '../../common/ids';
import { Node } from '../../common/node';
import { RequestContext } from '../../context';
import { Provider } from '../provider/provider.entity';
import { Trainer } from '../trainer/trainer.entity';
import { NodeService } from './node.service';

export const ViewerRole = enumOf(['ANONYMOUS', 'PROVIDER', 'TRAINER', 'STAFF'] as const);
export type ViewerRole = keyof typeof ViewerRole;
describeEnum(ViewerRole, 'ViewerRole', 'The kind of caller.', {
  ANONYMOUS: 'No credentials: sees the public catalogue only.',
  PROVIDER: 'A provider partner, with an API key.',
  TRAINER: 'A trainer, through the portal.',
  STAFF: 'A reviewer of the certification body.',
});

@ObjectType({ description: 'Who is calling.' })
export class Viewer {
  @Field(() => ViewerRole, { description: 'The kind of caller.' })
  role!: ViewerRole;

  @Field(() => String, { nullable: true, description: 'Staff member id, for staff.' })
  staffId!: string | null;

  @Field(() => Provider, { nullable: true, description: 'The provider, for a provider partner.' })
  provider!: Provider | null;

  @Field(() => Trainer, { nullable: true, description: 'The trainer, for a portal caller.' })
  trainer!: Trainer | null;
}

@ArgsType()
class NodesArgs {
  @Field(() => [ID], { description: 'Global IDs, at most 100.' })
  @ArrayMaxSize(100)
  ids!: string[];
}

@Resolver()
export class ViewerResolver {
  constructor(private readonly nodeService: NodeService) {}

  @Query(() => Viewer, { description: 'Who the caller is. Open to anyone.' })
  async viewer(@Ctx() ctx: RequestContext): Promise<Viewer> {
    const id = ctx.identity;
    return {
      role: id.kind,
      staffId: id.kind === 'STAFF' ? id.staffId : null,
      provider: id.kind === 'PROVIDER' ? await ctx.loaders.provider.load(id.providerId) : null,
      trainer: id.kind === 'TRAINER' ? await ctx.loaders.trainer.load(id.trainerId) : null,
    };
  }

  @Query(() => Node, {
    nullable: true,
    description:
      'Any object by global ID, with the same access checks as its typed query; null when absent or not visible.',
  })
  node(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'A global ID.' }) id: string) {
    const parsed = parseGlobalId(id);
    return parsed ? this.nodeService.get(ctx, parsed.type, parsed.id) : null;
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: 'Several objects by global ID, in order; null for each absent or not visible.',
  })
  nodes(@Ctx() ctx: RequestContext, @Args() { ids }: NodesArgs) {
    return Promise.all(
      ids.map((id) => {
        const parsed = parseGlobalId(id);
        return parsed ? this.nodeService.get(ctx, parsed.type, parsed.id) : null;
      }),
    );
  }
}
