/**
 * One transition table per entity: every status change is looked up here instead of being
 * spread over `if`s, so that the allowed moves of an entity can be read in one place.
 */
export type TransitionTable<S extends string, A extends string> = Readonly<
  Record<A, { readonly from: readonly S[]; readonly to: S }>
>;

export function defineTransitions<S extends string, A extends string>(
  table: TransitionTable<S, A>,
): TransitionTable<S, A> {
  return table;
}

/** The status after `action`, or null when the action is not allowed from `status`. */
export function nextStatus<S extends string, A extends string>(
  table: TransitionTable<S, A>,
  status: S,
  action: A,
): S | null {
  const t = table[action];
  return t.from.includes(status) ? t.to : null;
}
