/**
 * Copies a freshly built config into the one the app holds: nested objects are merged so that
 * every reference a module took to a section stays the live section; values and arrays are
 * replaced. Only reloadable values can differ between the two (the rest came from the same
 * environment), so nothing else changes.
 */
type Section = Record<string, unknown>;

export function assignInPlace<T extends object>(target: T, source: T): void {
  const into = target as Section;
  for (const [key, value] of Object.entries(source as Section)) {
    const current = into[key];
    if (isSection(value) && isSection(current)) assignInPlace(current, value);
    else into[key] = value;
  }
}

function isSection(value: unknown): value is Section {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
