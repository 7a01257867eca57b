import 'reflect-metadata';
import { parse } from 'graphql';
import * as complexity from 'graphql-query-complexity';
import { costPlugin } from '../../src/common/limits';
import { buildAppSchema } from '../../src/schema';

jest.mock('graphql-query-complexity', () => {
  const actual = jest.requireActual<typeof complexity>('graphql-query-complexity');
  return { ...actual, getComplexity: jest.fn(actual.getComplexity) };
});

/** The plugin's hook for one request, as Apollo calls it; answers the cost it reports. */
async function costOfRequest(
  plugin: ReturnType<typeof costPlugin>,
  document: ReturnType<typeof parse>,
  variables: Record<string, unknown>,
) {
  const listener = (await plugin.requestDidStart!({} as never))!;
  await listener.didResolveOperation!({
    request: { operationName: undefined, variables },
    document,
    operation: document.definitions[0],
    contextValue: { client: null, identity: { kind: 'ANONYMOUS' } },
  } as never);
  const response = { body: { kind: 'single', singleResult: {} as { extensions?: { cost?: { requested: number } } } } };
  await listener.willSendResponse!({ response } as never);
  return response.body.singleResult.extensions!.cost!.requested;
}

describe('the query cost is computed once per parsed document and shape of variables', () => {
  it('a second request of the same document and shape reads the kept cost; another shape or document is computed', async () => {
    const plugin = costPlugin(await buildAppSchema(), 10_000);
    const spy = jest.mocked(complexity.getComplexity);
    spy.mockClear();
    const text =
      'query($first: Int, $code: String) { courses(first: $first, filter: { programCode: $code }) { nodes { id } } }';
    const document = parse(text);
    const costs = [
      await costOfRequest(plugin, document, { first: 5, code: 'CPT' }),
      await costOfRequest(plugin, document, { first: 5, code: 'CES' }),
      await costOfRequest(plugin, document, { first: 50, code: 'CPT' }),
      await costOfRequest(plugin, document, { first: 5, code: 'PES' }),
      await costOfRequest(plugin, parse(text), { first: 5, code: 'CPT' }),
    ];
    expect(costs).toEqual([11, 11, 101, 11, 11]);
    // Computed for the first, the third (another page size) and the fifth (another document).
    expect(spy).toHaveBeenCalledTimes(3);
  });
});
