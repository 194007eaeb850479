const ADDRESS = /[^\s<>"'(),;:@]+@[^\s<>"'(),;:@]+\.[^\s<>"'(),;:@.]+/g;

/**
 * What a provider said, kept without any address in it: diagnostic codes often quote the
 * recipient ("550 5.1.1 <reader@example.com>: no such user"), and the event row must hold nothing
 * that erasing the reader would have to find. Strings are cut to 500 characters; only scalars and
 * shallow objects of them are kept.
 */
export function withoutAddresses(detail: Record<string, unknown> | undefined, depth = 0): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(detail ?? {}).slice(0, 30)) {
    const key = name.replace(ADDRESS, '[address]').slice(0, 100);
    if (value === null || typeof value === 'number' || typeof value === 'boolean') kept[key] = value;
    else if (typeof value === 'string') kept[key] = value.replace(ADDRESS, '[address]').slice(0, 500);
    else if (depth === 0 && typeof value === 'object' && !Array.isArray(value)) kept[key] = withoutAddresses(value as Record<string, unknown>, 1);
  }
  return kept;
}
