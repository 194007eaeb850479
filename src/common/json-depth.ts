/**
 * How deeply a JSON text nests arrays and objects, read from its bytes without parsing it, so a
 * body of 3,000 `[` is refused before JSON.parse builds it and class-transformer recurses through
 * it (a stack overflow, answered 500). Brackets inside strings do not count.
 */
export function jsonDepthExceeds(text: Buffer, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const byte = text[i];
    if (inString) {
      if (byte === 0x5c) i += 1; // a backslash: the next byte is escaped
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (byte === 0x5d || byte === 0x7d) depth -= 1;
  }
  return false;
}
