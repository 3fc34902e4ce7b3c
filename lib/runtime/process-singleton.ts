/**
 * Returns the one value stored under `name` for this process, creating it on first use.
 * Next.js evaluates a module once per route bundle (and again on every dev reload), so
 * module-level state would be duplicated; globalThis is shared by all of them.
 */
export function processSingleton<Value>(name: string, create: () => Value): Value {
  const store = globalThis as unknown as Record<symbol, Value | undefined>;
  const key = Symbol.for(`docs-chat.${name}`);
  const existing = store[key];
  if (existing !== undefined) return existing;
  const created = create();
  store[key] = created;
  return created;
}
