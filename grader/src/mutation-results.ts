/**
 * What the mutants of one exercise say about its tests: the score, the survivors an author must act
 * on, the ones exercise.yaml accepts, and accepted entries that no longer match anything. Each
 * mutant is put in words: what changed, and which test would notice it.
 */
import type { AcceptedSurvivor } from './schemas.ts';

/** StrykerJS's statuses (mutation-testing-report-schema). */
export type MutantStatus =
  'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

/** One mutant, reduced to what the report needs. */
export interface MutantOutcome {
  /** The editable file, relative to the exercise's solution/, e.g. "app.js". */
  file: string;
  /** 1-based line and column where the mutated code starts. */
  line: number;
  column: number;
  /** StrykerJS's mutator name, e.g. "EqualityOperator". */
  mutator: string;
  /** The solution's code that was changed, and the code it was changed to. */
  original: string;
  replacement: string;
  status: MutantStatus;
}

export interface AcceptedMatch {
  mutant: MutantOutcome;
  entry: AcceptedSurvivor;
}

export interface StaleEntry {
  entry: AcceptedSurvivor;
  /** Its index in mutation.acceptedSurvivors. */
  index: number;
}

export interface MutationSummary {
  /** Killed or timed-out mutants: a test noticed them. */
  detected: number;
  /** Survived or uncovered mutants, accepted ones included. */
  undetected: number;
  /** detected / (detected + undetected) in percent; undefined when there are no mutants. */
  score: number | undefined;
  /** Undetected mutants exercise.yaml does not accept, in file and line order: each fails the run. */
  survivors: MutantOutcome[];
  accepted: AcceptedMatch[];
  /** Accepted entries that match no undetected mutant: each fails the run, since it could hide a new one. */
  stale: StaleEntry[];
}

const DETECTED: ReadonlySet<MutantStatus> = new Set(['Killed', 'Timeout']);
const UNDETECTED: ReadonlySet<MutantStatus> = new Set(['Survived', 'NoCoverage']);

/** The first and last line an entry covers: `14` is 14–14, `"7-14"` is 7–14. */
export function entryLines(entry: AcceptedSurvivor): [number, number] {
  if (typeof entry.line === 'number') return [entry.line, entry.line];
  const [from, to] = entry.line.split('-').map(Number) as [number, number];
  return [Math.min(from, to), Math.max(from, to)];
}

export function matchesEntry(mutant: MutantOutcome, entry: AcceptedSurvivor): boolean {
  const [from, to] = entryLines(entry);
  return (
    mutant.file === entry.file && mutant.line >= from && mutant.line <= to && mutant.mutator === entry.mutator
  );
}

export function summarizeMutants(
  mutants: readonly MutantOutcome[],
  acceptedSurvivors: readonly AcceptedSurvivor[] = [],
): MutationSummary {
  const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
  const undetectedMutants = [...mutants.filter((mutant) => UNDETECTED.has(mutant.status))].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
  const undetected = undetectedMutants.length;
  const survivors: MutantOutcome[] = [];
  const accepted: AcceptedMatch[] = [];
  const used = new Set<number>();
  for (const mutant of undetectedMutants) {
    const index = acceptedSurvivors.findIndex((entry) => matchesEntry(mutant, entry));
    if (index === -1) {
      survivors.push(mutant);
    } else {
      used.add(index);
      accepted.push({ mutant, entry: acceptedSurvivors[index]! });
    }
  }
  const stale = acceptedSurvivors.flatMap((entry, index) => (used.has(index) ? [] : [{ entry, index }]));
  const total = detected + undetected;
  return {
    detected,
    undetected,
    score: total === 0 ? undefined : (detected / total) * 100,
    survivors,
    accepted,
    stale,
  };
}

// ---- Mutants in words ---------------------------------------------------------------------------

/** Words, numbers, quoted strings, runs of whitespace, and runs of operator characters. */
const TOKEN =
  /\s+|[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`|[(){}[\],;]|[^\sA-Za-z0-9_$(){}[\],;'"`]+/g;

function tokens(code: string): string[] {
  return code.match(TOKEN) ?? [];
}

/**
 * The part of the code that differs, cut at whole tokens: `count >= 3` → `count > 3` is `>=` → `>`.
 * An empty `to` means the code was removed.
 */
export function changedPart(original: string, replacement: string): { from: string; to: string } {
  const a = tokens(original);
  const b = tokens(replacement);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end += 1;
  return {
    from: a
      .slice(start, a.length - end)
      .join('')
      .trim(),
    to: b
      .slice(start, b.length - end)
      .join('')
      .trim(),
  };
}

/** Code on one line, shortened to `max` characters. */
export function shortCode(code: string, max = 60): string {
  const flat = code.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/**
 * Code in backticks. A template literal already starts and ends with one, so it is shown as it is;
 * other code holding a backtick gets two, as in Markdown.
 */
function span(code: string): string {
  if (/^`[^]*`$/.test(code)) return code;
  return code.includes('`') ? `\`\` ${code} \`\`` : `\`${code}\``;
}

/** Mutators that empty something, and what they empty. */
const EMPTIED: Record<string, string> = {
  BlockStatement: 'block',
  ObjectLiteral: 'object',
  ArrayDeclaration: 'list',
};

/** "`>=` changed to `>`", "`res.set('x', 1)` removed", "the block `{ … }` emptied". */
export function describeChange(mutant: Pick<MutantOutcome, 'original' | 'replacement' | 'mutator'>): string {
  const emptied = EMPTIED[mutant.mutator];
  if (emptied && /^(\{\}|\[\])$/.test(mutant.replacement.replace(/\s/g, '')))
    return `the ${emptied} ${span(shortCode(mutant.original))} emptied`;
  const { from, to } = changedPart(mutant.original, mutant.replacement);
  const shownFrom = shortCode(from || mutant.original);
  if (to === '' || to === ';') return `${span(shownFrom)} removed`;
  if (from === '')
    return `${span(shortCode(mutant.original))} changed to ${span(shortCode(mutant.replacement))}`;
  return `${span(shownFrom)} changed to ${span(shortCode(to))}`;
}

const BOUNDARY: Record<string, string> = { '>=': '>', '>': '>=', '<=': '<', '<': '<=' };

/** The test that would notice the mutant, as advice to the author. */
export function adviceFor(mutant: Pick<MutantOutcome, 'original' | 'replacement' | 'mutator'>): string {
  const { from, to } = changedPart(mutant.original, mutant.replacement);
  switch (mutant.mutator) {
    case 'EqualityOperator':
      return BOUNDARY[from] === to
        ? 'add a test for the boundary (a value exactly on the limit)'
        : 'add a test where this comparison decides the answer';
    case 'ConditionalExpression':
      if (to === 'true') return 'add a test where this condition is false';
      if (to === 'false') return 'add a test where this condition is true';
      return 'add a test where this condition decides the answer';
    case 'LogicalOperator':
      return 'add a test where only one side of it holds';
    case 'StringLiteral':
      return 'check this text in a test (a path, a field, a header or a message), or accept it if no learner should have to match it';
    case 'BlockStatement':
      return 'add a test that depends on what this block does';
    case 'CallExpression':
      return 'add a test that depends on what this call does';
    case 'ArrowFunction':
      return 'add a test that depends on what this function returns';
    case 'ObjectLiteral':
      return 'check the fields of this object in a test';
    case 'ArrayDeclaration':
      return 'check the items of this list in a test';
    case 'ArithmeticOperator':
      return 'add a test whose expected number depends on this calculation';
    case 'BooleanLiteral':
      return 'add a test where this true or false makes a difference';
    case 'MethodExpression':
      return 'add a test whose input this method changes (unsorted, mixed case, padded, …)';
    case 'OptionalChaining':
      return 'add a test where the value before `?.` is missing';
    case 'Regex':
      return 'add a test with input the changed pattern treats differently';
    case 'UnaryOperator':
    case 'UpdateOperator':
    case 'AssignmentOperator':
      return 'add a test that checks the value this computes';
    default:
      return 'add a test that notices this change';
  }
}

/**
 * One line an author can act on: `app.js:14 — `>=` changed to `>` and no test noticed: add a test
 * for the boundary (…) [EqualityOperator]`.
 */
export function describeMutant(mutant: MutantOutcome): string {
  const what =
    mutant.status === 'NoCoverage'
      ? 'and no test even runs this code: add a test that reaches it'
      : `and no test noticed: ${adviceFor(mutant)}`;
  return `${mutant.file}:${mutant.line} — ${describeChange(mutant)} ${what} [${mutant.mutator}]`;
}
