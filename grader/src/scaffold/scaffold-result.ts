/** What a scaffold command did and what the author should do next; the CLI prints it. */
export interface ScaffoldResult {
  /** One sentence: what was created and where it will be on the site. */
  summary: string;
  /** Files (relative to the repository root) to edit next, each with what to change in it. */
  edit: { file: string; what: string }[];
  /** Commands to run next, each with why. */
  next: { command: string; why: string }[];
  /** Other files the command changed, e.g. a lesson whose frontmatter now links the new exercise. */
  changed: { file: string; what: string }[];
}

export function formatResult(result: ScaffoldResult): string {
  const lines = [result.summary];
  for (const change of result.changed) lines.push(`Also changed ${change.file}: ${change.what}`);
  lines.push('', 'Edit next:');
  const fileWidth = Math.max(...result.edit.map((entry) => entry.file.length));
  for (const { file, what } of result.edit) lines.push(`  ${file.padEnd(fileWidth)}  ${what}`);
  lines.push('', 'Then run:');
  const commandWidth = Math.max(...result.next.map((entry) => entry.command.length));
  for (const { command, why } of result.next) lines.push(`  ${command.padEnd(commandWidth)}  ${why}`);
  lines.push('', 'AUTHORING.md explains each file, the components and the test helpers.');
  return lines.join('\n');
}
