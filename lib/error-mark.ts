/**
 * Marks for the app's error classes. `instanceof` fails when Next bundles a module twice or a
 * test loads a second copy of it: each copy has its own class. A mark is a registry symbol
 * (`Symbol.for`), the same key in every copy and every realm, so guards built on it recognise
 * an error whichever copy of its module threw it.
 */

/** The mark of one error class: the same symbol in every copy of the module that asks for it. */
export function errorMark(name: string): symbol {
  return Symbol.for(`docs-chat.${name}`);
}

/**
 * Puts `mark` on `error`. Not enumerable, so logs, spreads and deep equality in tests do not
 * see it.
 */
export function markError(error: Error, mark: symbol): void {
  Object.defineProperty(error, mark, { value: true });
}

/** True when `value` carries `mark`, whichever copy of the module (or realm) created it. */
export function hasErrorMark(value: unknown, mark: symbol): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[mark] === true;
}
