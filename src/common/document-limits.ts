import {
  ArgumentNode,
  ASTVisitor,
  DirectiveNode,
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  ValueNode,
} from 'graphql';
import type { QueryLimits } from './limits';

/** The shape limits a document must keep before any other validation rule looks at it. */
export type ShapeLimits = Pick<QueryLimits, 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxFields' | 'maxMutations'>;

/**
 * Field extension that marks a mutation writing many independent records in one call (a list of
 * rows in its input): at most one of them may run per request, whatever the aliases. The flag is
 * set on the resolver (`@Extensions(BULK_MUTATION)`) and read here from the built schema.
 */
export const BULK_MUTATION = { bulk: true } as const;

/** Said in the description of every bulk mutation. */
export const ONE_BULK_MUTATION = 'At most one bulk mutation per request.';

export function bulkMutationNames(schema: GraphQLSchema): Set<string> {
  const fields = schema.getMutationType()?.getFields() ?? {};
  return new Set(Object.values(fields).flatMap((f) => (f.extensions?.bulk === true ? [f.name] : [])));
}

/** Counts past this are reported as "more than"; fragment fan-out can otherwise reach Infinity. */
const CAP = 1_000_000_000;
const shown = (n: number) => (n >= CAP ? `more than ${CAP}` : String(n));

/** What a part of a document adds up to, counted as it would run. */
interface Tally {
  fields: number;
  /** Values written in arguments: a list or object, each item or field value in it; a variable is one. */
  values: number;
  /** Aliased fields and `__typename` selections: the raw material of alias-overloading attacks. */
  aliases: number;
  directives: number;
  depth: number;
}

const zero = (): Tally => ({ fields: 0, values: 0, aliases: 0, directives: 0, depth: 0 });

/** Adds `part` into `into`; depth is not a sum and is left to the caller. */
function addInto(into: Tally, part: Tally): void {
  into.fields = Math.min(CAP, into.fields + part.fields);
  into.values = Math.min(CAP, into.values + part.values);
  into.aliases = Math.min(CAP, into.aliases + part.aliases);
  into.directives = Math.min(CAP, into.directives + part.directives);
}

/** Nodes in a value, counted without recursion: a list literal may be nested two thousand deep. */
function sizeOf(value: ValueNode): number {
  let size = 0;
  const pending = [value];
  for (let next = pending.pop(); next; next = pending.pop()) {
    size++;
    if (next.kind === Kind.LIST) pending.push(...next.values);
    else if (next.kind === Kind.OBJECT) for (const field of next.fields) pending.push(field.value);
  }
  return size;
}

function valuesOf(args: readonly ArgumentNode[] | undefined): number {
  let n = 0;
  for (const arg of args ?? []) n += sizeOf(arg.value);
  return n;
}

/** Adds what a node brings itself: its directives, and the values in their arguments and its own. */
function addOwn(
  into: Tally,
  node: { readonly directives?: readonly DirectiveNode[]; readonly arguments?: readonly ArgumentNode[] },
): void {
  into.values += valuesOf(node.arguments);
  for (const directive of node.directives ?? []) {
    into.directives++;
    into.values += valuesOf(directive.arguments);
  }
}

/** The root fields of a mutation operation: how many, and how many of them bulk. */
interface Writes {
  mutations: number;
  bulk: number;
  bulkNames: Set<string>;
}

/**
 * The shape of a document as the server would run it: each fragment counts at every spread, so a
 * fragment spread ten times that spreads another ten times counts a hundred times. Each fragment
 * is walked once and its tally remembered, so counting is linear in the document's length; a
 * fragment met again on its own path (a cycle, which NoFragmentCyclesRule reports) counts as
 * nothing.
 */
class Shape {
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  private readonly tallies = new Map<string, Tally>();
  private readonly writes = new Map<string, Writes>();
  private readonly path = new Set<string>();

  constructor(
    document: DocumentNode,
    private readonly bulkNames: Set<string>,
  ) {
    this.fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((f) => [f.name.value, f]),
    );
  }

  /** Fragments that some operation spreads, once the operations have been tallied. */
  reached(name: string): boolean {
    return this.tallies.has(name);
  }

  fragment(name: string): Tally {
    const known = this.tallies.get(name);
    if (known) return known;
    const definition = this.fragments.get(name);
    if (!definition || this.path.has(name)) return zero();
    this.path.add(name);
    const tally = zero();
    addOwn(tally, definition);
    tally.depth = this.selectionSet(definition.selectionSet, tally);
    this.path.delete(name);
    this.tallies.set(name, tally);
    return tally;
  }

  operation(operation: OperationDefinitionNode): Tally {
    const tally = zero();
    addOwn(tally, operation);
    for (const variable of operation.variableDefinitions ?? []) {
      addOwn(tally, variable);
      if (variable.defaultValue) tally.values += sizeOf(variable.defaultValue);
    }
    tally.depth = this.selectionSet(operation.selectionSet, tally);
    return tally;
  }

  /** Adds a selection set's fields (and all below them) into `into`; answers its depth. */
  private selectionSet(set: SelectionSetNode, into: Tally): number {
    let depth = 0;
    for (const selection of set.selections) {
      addOwn(into, selection);
      if (selection.kind === Kind.FIELD) {
        into.fields++;
        if (selection.alias || selection.name.value === '__typename') into.aliases++;
        depth = Math.max(depth, 1 + (selection.selectionSet ? this.selectionSet(selection.selectionSet, into) : 0));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        depth = Math.max(depth, this.selectionSet(selection.selectionSet, into));
      } else {
        const fragment = this.fragment(selection.name.value);
        addInto(into, fragment);
        depth = Math.max(depth, fragment.depth);
      }
    }
    return depth;
  }

  /** The root fields of a mutation, through fragments and inline fragments; `__typename` writes nothing. */
  rootFields(set: SelectionSetNode): Writes {
    const writes: Writes = { mutations: 0, bulk: 0, bulkNames: new Set() };
    const take = (part: Writes) => {
      writes.mutations = Math.min(CAP, writes.mutations + part.mutations);
      writes.bulk = Math.min(CAP, writes.bulk + part.bulk);
      for (const name of part.bulkNames) writes.bulkNames.add(name);
    };
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        writes.mutations++;
        if (this.bulkNames.has(name)) {
          writes.bulk++;
          writes.bulkNames.add(name);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        take(this.rootFields(selection.selectionSet));
      } else {
        take(this.rootFragment(selection.name.value));
      }
    }
    return writes;
  }

  private rootFragment(name: string): Writes {
    const known = this.writes.get(name);
    if (known) return known;
    const definition = this.fragments.get(name);
    if (!definition || this.path.has(name)) return { mutations: 0, bulk: 0, bulkNames: new Set() };
    this.path.add(name);
    const writes = this.rootFields(definition.selectionSet);
    this.path.delete(name);
    this.writes.set(name, writes);
    return writes;
  }
}

/**
 * Why a document breaks the shape limits, in one sentence, or undefined when it keeps them.
 * Mutations count per operation, since one operation runs per request; depth is the deepest
 * operation's; fields, values, aliases and directives are summed over the operations, plus the
 * fragments no operation spreads (the other rules validate those too).
 */
export function shapeRefusal(document: DocumentNode, limits: ShapeLimits, bulkNames: Set<string>): string | undefined {
  const shape = new Shape(document, bulkNames);
  const total = zero();
  let bulk: Writes | undefined;
  let mutations = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const tally = shape.operation(definition);
    addInto(total, tally);
    total.depth = Math.max(total.depth, tally.depth);
    if (definition.operation === 'mutation') {
      const writes = shape.rootFields(definition.selectionSet);
      if (writes.bulk > (bulk?.bulk ?? 1)) bulk = writes;
      mutations = Math.max(mutations, writes.mutations);
    }
  }
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION && !shape.reached(definition.name.value)) {
      addInto(total, shape.fragment(definition.name.value));
    }
  }

  if (bulk) {
    return (
      `The operation runs ${shown(bulk.bulk)} bulk mutations (${[...bulk.bulkNames].join(', ')}); at most one bulk ` +
      'mutation is allowed per request. Send all the rows in one call, or each call in its own request.'
    );
  }
  if (mutations > limits.maxMutations) {
    return (
      `The operation runs ${shown(mutations)} mutations; at most ${limits.maxMutations} are allowed per request. ` +
      'Send the others in further requests.'
    );
  }
  if (total.depth > limits.maxDepth) {
    return `The query is nested ${shown(total.depth)} levels deep; at most ${limits.maxDepth} are allowed.`;
  }
  if (total.aliases > limits.maxAliases) {
    return `The query has ${shown(total.aliases)} aliases and __typename selections; at most ${limits.maxAliases} are allowed.`;
  }
  if (total.directives > limits.maxDirectives) {
    return `The query uses ${shown(total.directives)} directives; at most ${limits.maxDirectives} are allowed.`;
  }
  const size = Math.min(CAP, total.fields + total.values);
  if (size > limits.maxFields && total.values === 0) {
    return (
      `The query selects ${shown(total.fields)} fields, counting a fragment at each spread; ` +
      `at most ${limits.maxFields} are allowed.`
    );
  }
  if (size > limits.maxFields) {
    // Values count with the fields because OverlappingFieldsCanBeMergedRule prints and compares
    // the arguments of every pair of fields it compares.
    return (
      `The query selects ${shown(total.fields)} fields and writes ${shown(total.values)} values in arguments, ` +
      `${shown(size)} in all, counting a fragment at each spread; at most ${limits.maxFields} are allowed. ` +
      'Send large inputs as variables: a variable counts as one value.'
    );
  }
  return undefined;
}

/** What is left for the other rules to walk once a document has been refused: nothing. */
const NOTHING: DocumentNode = Object.freeze({ kind: Kind.DOCUMENT, definitions: [] });

/**
 * The shape limits, checked before the specified rules do their work. graphql-js runs every rule
 * in one traversal, so a rule cannot stop the others from walking a refused document (and
 * OverlappingFieldsCanBeMergedRule is quadratic in its fields; UniqueDirectivesPerLocationRule
 * reports each repeated directive). But a visitor may replace the node it enters: on a refusal
 * this one reports its single error and swaps the document for an empty one, so the other rules
 * have nothing left to walk. It sees the document once the other rules' Document visitors have
 * run, which only look at the list of definitions.
 */
export function shapeLimits(limits: ShapeLimits): ValidationRule {
  let bulk: { schema: GraphQLSchema; names: Set<string> } | undefined;
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const schema = context.getSchema();
      if (bulk?.schema !== schema) bulk = { schema, names: bulkMutationNames(schema) };
      const refusal = shapeRefusal(document, limits, bulk.names);
      if (refusal === undefined) return undefined;
      context.reportError(new GraphQLError(refusal));
      return NOTHING;
    },
  });
}
