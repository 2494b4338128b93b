/** The deepest nesting of arrays and objects a JSON body may have; the API's own bodies need a handful. */
export const MAX_JSON_DEPTH = 64;

/**
 * How deeply a JSON text nests arrays and objects (brackets inside strings do not count). Measured before parsing,
 * so that a body of a hundred thousand brackets is refused at the edge instead of exhausting the stack later.
 */
export function measureJsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) {
      inString = true;
    } else if (char === 0x5b || char === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  return deepest;
}
