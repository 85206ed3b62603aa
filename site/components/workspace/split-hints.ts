/**
 * Splits rendered hints.md ("## 1. …" per task, a list of nudges under each) into one HTML fragment per
 * hint, so the page can reveal them one at a time. Runs at build time on HTML that Astro's markdown
 * pipeline produced, so its shape is known: an <h2> per task, then <ul>/<ol> items or paragraphs.
 */
export interface TaskHints {
  taskId: string;
  title: string;
  hints: string[];
}

export function splitHints(html: string): TaskHints[] {
  const sections = html.split(/(?=<h2[\s>])/).filter((part) => part.startsWith('<h2'));
  const result: TaskHints[] = [];
  for (const section of sections) {
    const heading = /<h2[^>]*>([\s\S]*?)<\/h2>/.exec(section);
    if (!heading) continue;
    const title = heading[1]!.replace(/<[^>]+>/g, '').trim();
    const id = /^(\d+)\./.exec(title)?.[1];
    if (!id) continue;
    const body = section.slice(heading.index + heading[0].length);
    const items = [...body.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.trim());
    const hints = items.length
      ? items
      : [...body.matchAll(/<(p|pre)[^>]*>[\s\S]*?<\/\1>/g)].map((m) => m[0].trim());
    if (hints.length) result.push({ taskId: id, title: title.replace(/^\d+\.\s*/, ''), hints });
  }
  return result;
}
