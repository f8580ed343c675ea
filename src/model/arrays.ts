/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as an
 * argument on the stack, and from about 130,000 items Node throws "Maximum call stack size
 * exceeded": the lines or client contents of a customer beyond 100,000 users, or a table of a
 * plan rendered whole.
 */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
