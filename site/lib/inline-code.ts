/**
 * Splits plain text on `backticks` so short strings in component props (quiz questions, options)
 * can show code without authors writing HTML. Unclosed backticks stay as text.
 */
export interface TextPart {
  code: boolean;
  text: string;
}

export function splitInlineCode(text: string): TextPart[] {
  const parts: TextPart[] = [];
  const pattern = /`([^`]+)`/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) parts.push({ code: false, text: text.slice(last, match.index) });
    parts.push({ code: true, text: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ code: false, text: text.slice(last) });
  return parts;
}
