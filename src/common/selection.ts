import { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The fields a request asks of the items of a connection (`nodes { … }` and `edges { node { … } }`),
 * through fragments and inline fragments, so that a list can read only the columns they need.
 * Directives are not evaluated: a field under `@include(if: false)` still counts, which can only
 * read more than needed, never less.
 */
export function connectionItemFields(info: GraphQLResolveInfo): Set<string> {
  const fields = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, onField: (field: FieldNode) => void) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === 'Field') onField(selection);
      else if (selection.kind === 'InlineFragment') walk(selection.selectionSet, onField);
      // Validation has refused fragment cycles, and the shape limits bound a fragment's spreads
      // (its fields are counted at every spread), so this walk is as small as the document.
      else walk(info.fragments[selection.name.value]?.selectionSet, onField);
    }
  };
  const item = (field: FieldNode) => fields.add(field.name.value);
  for (const root of info.fieldNodes) {
    walk(root.selectionSet, (field) => {
      if (field.name.value === 'nodes') walk(field.selectionSet, item);
      else if (field.name.value === 'edges') {
        walk(field.selectionSet, (edge) => {
          if (edge.name.value === 'node') walk(edge.selectionSet, item);
        });
      }
    });
  }
  return fields;
}
