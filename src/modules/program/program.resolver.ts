import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { RequestContext } from '../../context';
import { normalizeProgramCode } from '../../rules/certification';
import { ProgramFacts, policyIn } from './program.facts';
import { DefineProgramInput, UpdateProgramPolicyInput } from './program.inputs';
import { ProgramService } from './program.service';
import { ProgramPayload, ProgramView, policyVersionView } from './program.types';

function programView(facts: ProgramFacts, today: string): ProgramView {
  return {
    code: facts.program.code,
    name: facts.program.name,
    currencyCode: facts.program.currencyCode,
    isDefault: Boolean(facts.program.isDefault),
    policy: policyVersionView(
      policyIn(facts, today),
      facts.versions.reduce(
        (found, v) => (v.effectiveFrom <= today && v.effectiveFrom >= found ? v.effectiveFrom : found),
        facts.versions[0].effectiveFrom,
      ),
    ),
    policyVersions: facts.versions.map((v) => policyVersionView(v.policy, v.effectiveFrom)),
  };
}

@Resolver(() => ProgramView)
export class ProgramResolver {
  constructor(private readonly service: ProgramService) {}

  @Query(() => [ProgramView], {
    description:
      'The credential programs, by code, each with the policy in force today and its dated versions. Open to anyone.',
  })
  async programs(@Ctx() ctx: RequestContext): Promise<ProgramView[]> {
    const catalog = await ctx.loaders.programCatalog.load('all');
    return catalog.all().map((facts) => programView(facts, ctx.today));
  }

  @Query(() => ProgramView, { nullable: true, description: 'One credential program by code; null when none has it.' })
  async program(
    @Ctx() ctx: RequestContext,
    @Arg('code', { description: 'Program code, e.g. CPT (case and spaces around it do not matter).' }) code: string,
  ): Promise<ProgramView | null> {
    const facts = (await ctx.loaders.programCatalog.load('all')).find(code);
    return facts ? programView(facts, ctx.today) : null;
  }

  @Authorized('STAFF')
  @Mutation(() => ProgramPayload, {
    description:
      'Define a new credential program with its recertification policy, in force from today. Staff only; logged in the decision log.',
  })
  async defineProgram(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: DefineProgramInput,
  ): Promise<ProgramPayload> {
    const { code } = await this.service.define(ctx, input);
    return { program: await this.view(ctx, code), userErrors: [] };
  }

  @Authorized('STAFF')
  @Mutation(() => ProgramPayload, {
    description:
      'Change a program’s policy for receipts on or after a date, today or later: earlier quotes and decisions keep their answers. Staff only; logged with the policy before and after.',
  })
  async updateProgramPolicy(
    @Ctx() ctx: RequestContext,
    @Arg('input', { description: 'What to do; see the input type.' }) input: UpdateProgramPolicyInput,
  ): Promise<ProgramPayload> {
    const { code } = await this.service.update(ctx, input);
    return { program: await this.view(ctx, code), userErrors: [] };
  }

  /** A program as it stands after a change (read afresh, not from the request's catalogue). */
  private async view(ctx: RequestContext, code: string): Promise<ProgramView | null> {
    const facts = (await this.service.catalog()).find(normalizeProgramCode(code));
    return facts ? programView(facts, ctx.today) : null;
  }
}
