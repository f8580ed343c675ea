/**
 * The XPath-ish path each imported entity came from, kept beside the model (the model's `Pos`
 * has file/line/column) so rules that run after reading can still name `/Users/User[12]`.
 */
const paths = new WeakMap<object, string>();

export function withPath<T extends object>(entity: T, path: string): T {
  paths.set(entity, path);
  return entity;
}

export function pathOf(entity: object): string | undefined {
  return paths.get(entity);
}
