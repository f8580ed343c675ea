/**
 * The XPath-ish path each imported entity came from, kept beside the model (the model's `Pos`
 * has file/line/column) so rules that run after reading can still name `/Users/User[12]`.
 *
 * The path is a non-enumerable symbol property: invisible to JSON, spreads, `Object.keys` and
 * test equality, like the WeakMap it replaces, but without one ephemeron per entity for the
 * garbage collector to trace (150,000 of them at 50,000 users). A copy of an entity has no path.
 */
const PATH = Symbol('importPath');

export function withPath<T extends object>(entity: T, path: string): T {
  Object.defineProperty(entity, PATH, { value: path, configurable: true });
  return entity;
}

export function pathOf(entity: object): string | undefined {
  const path: unknown = (entity as { [PATH]?: unknown })[PATH];
  return typeof path === 'string' ? path : undefined;
}

/**
 * A row's value with the entity's own fields (`pos`, children) added in place, and its path.
 * `value` must be the row's fresh object (a schema's output). Not `{ ...value, ...extra }`: on
 * Node 20 a spread followed by more properties gives every object a hidden class of its own,
 * about half a kilobyte each, which at 50,000 users was a third of the imported model's memory.
 */
export function entity<T extends object, X extends object>(value: T, extra: X, path: string): T & X {
  return withPath(Object.assign(value, extra), path);
}
