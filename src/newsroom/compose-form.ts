/** A value a form posted, as a list: one field, a repeated field, or none. */
function postedList(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/**
 * The articles an editor chose, in the order the form listed them (browsers post checkboxes in
 * document order), with one moved a place up or down when an up/down button was the submitter.
 * Without JavaScript those buttons are ordinary submit buttons named `move`, valued `up:<id>`.
 */
export function chosenOrder(articles: unknown, move: unknown): number[] {
  const ids = [...new Set(postedList(articles).filter((v) => /^\d{1,9}$/.test(v)).map(Number))];
  const match = typeof move === 'string' ? /^(up|down):(\d{1,9})$/.exec(move) : null;
  if (!match) return ids;
  const from = ids.indexOf(Number(match[2]));
  const to = match[1] === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= ids.length) return ids;
  [ids[from], ids[to]] = [ids[to], ids[from]];
  return ids;
}

/** Test-send addresses as an editor types them: separated by commas, spaces or new lines. */
export function addressList(value: unknown): string[] {
  return typeof value === 'string' ? value.split(/[\s,;]+/).filter((v) => v.length > 0) : [];
}

/** The audience the form chose: everyone (null), or the ticked sectors; an error when none is ticked. */
export function chosenAudience(audience: unknown, sectors: unknown): { sectors: string[] } | null | 'none-ticked' {
  if (audience !== 'sectors') return null;
  const ticked = [...new Set(postedList(sectors))];
  return ticked.length === 0 ? 'none-ticked' : { sectors: ticked };
}
