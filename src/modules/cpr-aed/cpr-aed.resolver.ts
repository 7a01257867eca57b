import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import { reload } from '../../common/loader-helpers';
import { Payload } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { CprAedCredential } from './cpr-aed.entity';
import { RecordCprAedCredentialInput } from './cpr-aed.inputs';
import { CprAedService } from './cpr-aed.service';

@ObjectType({ description: 'Result of recording a CPR/AED card.' })
export class CprAedCredentialPayload extends Payload {
  @Field(() => CprAedCredential, { nullable: true, description: 'The card; null when refused.' })
  credential?: CprAedCredential | null;
}

@Resolver(() => CprAedCredential)
export class CprAedResolver {
  constructor(private readonly service: CprAedService) {}

  @Authorized('TRAINER', 'STAFF')
  @Mutation(() => CprAedCredentialPayload, {
    description: 'Record a CPR/AED card (R7). Trainers record their own; staff name the trainer.',
  })
  async recordCprAedCredential(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: RecordCprAedCredentialInput,
  ): Promise<CprAedCredentialPayload> {
    const { credentialId } = await this.service.record(ctx, input);
    return { credential: await reload(ctx.loaders.cprAedCredential, credentialId), userErrors: [] };
  }
}
