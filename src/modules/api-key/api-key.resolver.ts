import {
  Arg,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { reload } from '../../common/loader-helpers';
import { Payload } from '../../common/user-errors';
import { RequestContext } from '../../context';
import { Provider } from '../provider/provider.entity';
import { ApiKey } from './api-key.entity';
import { CreateApiKeyInput, RevokeApiKeyInput } from './api-key.inputs';
import { ApiKeyService } from './api-key.service';

@ObjectType({ description: 'Result of creating an API key.' })
export class CreateApiKeyPayload extends Payload {
  @Field(() => ApiKey, { nullable: true, description: 'The key; null when refused.' })
  apiKey?: ApiKey | null;

  @Field(() => String, {
    nullable: true,
    description: 'The key itself, to send as `Authorization: Bearer <key>`. Shown only in this answer: store it now.',
  })
  token?: string | null;
}

@ObjectType({ description: 'Result of revoking an API key.' })
export class RevokeApiKeyPayload extends Payload {
  @Field(() => ApiKey, { nullable: true, description: 'The revoked key; null when refused.' })
  apiKey?: ApiKey | null;
}

@Resolver(() => ApiKey)
export class ApiKeyResolver {
  constructor(private readonly service: ApiKeyService) {}

  @Authorized('STAFF', 'PROVIDER')
  @Query(() => [ApiKey], {
    description: 'API keys, oldest first: a provider’s own, or any for staff. Secrets are never shown.',
  })
  apiKeys(
    @Ctx() ctx: RequestContext,
    @Arg('providerId', () => ID, { nullable: true, description: 'Staff: only keys of this provider (prv_…).' })
    providerId?: string | null,
  ) {
    return this.service.list(ctx, providerId);
  }

  @FieldResolver(() => Provider, { description: 'The provider the key acts for.' })
  async provider(@Root() key: ApiKey, @Ctx() ctx: RequestContext) {
    return ctx.loaders.provider.load(key.providerId);
  }

  @Authorized('STAFF')
  @Mutation(() => CreateApiKeyPayload, {
    description: 'Create an API key for a provider; the key is shown once, in this answer. Staff only; logged.',
  })
  async createApiKey(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: CreateApiKeyInput,
  ): Promise<CreateApiKeyPayload> {
    const { apiKeyId, token } = await this.service.create(ctx, input);
    return { apiKey: await reload(ctx.loaders.apiKey, apiKeyId), token, userErrors: [] };
  }

  @Authorized('STAFF', 'PROVIDER')
  @Mutation(() => RevokeApiKeyPayload, {
    description: 'Revoke an API key at once. Staff, or the provider for its own keys; logged.',
  })
  async revokeApiKey(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: RevokeApiKeyInput,
  ): Promise<RevokeApiKeyPayload> {
    const { apiKeyId } = await this.service.revoke(ctx, input);
    return { apiKey: await reload(ctx.loaders.apiKey, apiKeyId), userErrors: [] };
  }
}
