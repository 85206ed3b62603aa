/**
 * Rule family "tasks": every task in exercise.yaml has a `## N.` heading in instructions.md, a hint
 * under `## N.` in hints.md and a `describe('N. …')` block in tests/*.test.js — and nothing in those
 * files talks about a task that does not exist. Task ids are what tie the results panel together.
 */
import type { ContentTree, ExerciseEntry, SourceFile } from './content-tree.ts';
import { headings, taskHeading } from './markdown-scan.ts';
import type { LintProblem } from './problem.ts';
import { exerciseTasks, type RawTask } from './raw-fields.ts';
import { lineIndex } from './text-position.ts';

export function checkTasks(tree: ContentTree): LintProblem[] {
  return tree.exercises.flatMap((exercise) => checkExercise(exercise));
}

interface Mention {
  id: string;
  file: string;
  line: number;
  body?: string;
}

function checkExercise(exercise: ExerciseEntry): LintProblem[] {
  const problems: LintProblem[] = [];
  const yamlFile = `${exercise.dir}/exercise.yaml`;
  const tasks = exerciseTasks(exercise);
  if (!exercise.yaml?.value) return problems;
  const taskLine = (task: RawTask) => exercise.yaml!.lineOf(['tasks', task.index]);

  tasks.forEach((task, i) => {
    if (task.id !== String(i + 1)) {
      problems.push({
        code: 'TASK_ORDER',
        severity: 'error',
        file: yamlFile,
        line: taskLine(task),
        message: `task ${i + 1} has id "${task.id}"; ids must be "1", "2", … in order`,
        fix: `set its id to "${i + 1}" (and renumber its heading, hint and describe block to match)`,
      });
    }
  });
  const ids = new Set(tasks.map((task) => task.id));

  const sections: {
    name: string;
    mentions: Mention[];
    missingCode: string;
    unknownCode: string;
    what: string;
    add: (id: string, title: string) => string;
  }[] = [];
  if (exercise.instructions) {
    sections.push({
      name: 'instructions.md',
      mentions: markdownMentions(exercise.instructions, problems),
      missingCode: 'TASK_NO_HEADING',
      unknownCode: 'HEADING_UNKNOWN_TASK',
      what: 'heading in instructions.md',
      add: (id, title) => `add "## ${id}. ${title}" to instructions.md with what the learner must build`,
    });
  }
  if (exercise.hints) {
    sections.push({
      name: 'hints.md',
      mentions: markdownMentions(exercise.hints, problems),
      missingCode: 'TASK_NO_HINTS',
      unknownCode: 'HINTS_UNKNOWN_TASK',
      what: 'hints in hints.md',
      add: (id, title) => `add "## ${id}. ${title}" to hints.md with one or two nudges, general to specific`,
    });
  }
  if (exercise.tests.length > 0) {
    sections.push({
      name: 'tests',
      mentions: exercise.tests.flatMap((file) => describeMentions(file, problems)),
      missingCode: 'TASK_NO_TESTS',
      unknownCode: 'TESTS_UNKNOWN_TASK',
      what: 'tests',
      add: (id, title) => `add describe('${id}. ${title}', …) with at least one test in tests/`,
    });
  }

  for (const section of sections) {
    for (const task of tasks) {
      const found = section.mentions.filter((mention) => mention.id === task.id);
      const empty =
        section.name === 'hints.md' && found.length > 0 && found.every((m) => (m.body ?? '').trim() === '');
      if (found.length === 0 || empty) {
        problems.push({
          code: section.missingCode,
          severity: 'error',
          file: yamlFile,
          line: taskLine(task),
          message: `task "${task.id}" (${task.title}) has no ${section.what}${empty ? ' (the heading is there but empty)' : ''}`,
          fix: `${section.add(task.id, task.title)}, or remove the task`,
        });
      } else if (section.name !== 'tests' && found.length > 1) {
        problems.push({
          code: 'DUPLICATE_HEADING',
          severity: 'error',
          file: found[1]!.file,
          line: found[1]!.line,
          message: `task "${task.id}" has a second "## ${task.id}." heading (the first is on line ${found[0]!.line})`,
          fix: 'merge the two sections or renumber this one',
        });
      }
    }
    const reported = new Set<string>();
    for (const mention of section.mentions) {
      if (ids.has(mention.id) || reported.has(`${mention.file}:${mention.id}`)) continue;
      reported.add(`${mention.file}:${mention.id}`);
      problems.push({
        code: section.unknownCode,
        severity: 'error',
        file: mention.file,
        line: mention.line,
        message: `${section.name === 'tests' ? `describe('${mention.id}. …')` : `heading "## ${mention.id}."`} is for task "${mention.id}", which exercise.yaml does not list (tasks: ${[...ids].join(', ') || 'none'})`,
        fix: `add task "${mention.id}" to exercise.yaml, or renumber or remove this ${section.name === 'tests' ? 'block' : 'section'}`,
      });
    }
  }
  return problems;
}

function markdownMentions(source: SourceFile, problems: LintProblem[]): Mention[] {
  const mentions: Mention[] = [];
  for (const heading of headings(source.text)) {
    const task = taskHeading(heading);
    if (task) {
      mentions.push({ id: task.id, file: source.file, line: heading.line, body: heading.body });
    } else if (heading.level === 1) {
      // The exercise page already shows the exercise title above the instructions and a "Hints" heading.
      problems.push({
        code: 'HEADING_H1',
        severity: 'warning',
        file: source.file,
        line: heading.line,
        message: `heading "# ${heading.text}" repeats a title the exercise page already shows`,
        fix: 'remove it; start with an introduction or the first "## 1. …" task',
      });
    } else if (/^\d+\b/.test(heading.text)) {
      // "### 2. …" or "## 2 Title" looks like a task heading but is not read as one.
      problems.push({
        code: 'HEADING_FORMAT',
        severity: 'error',
        file: source.file,
        line: heading.line,
        message: `heading "${'#'.repeat(heading.level)} ${heading.text}" looks like a task heading but is not in the form "## N. Title"`,
        fix: `write it as "## ${/^\d+/.exec(heading.text)![0]}. ${heading.text.replace(/^\d+[.):]?\s*/, '')}"`,
      });
    }
  }
  return mentions;
}

const DESCRIBE = /\b(describe|test|it)(\.only)?(?:\.\w+)*\s*\(\s*(['"`])(\d+)\.\s/g;
const ONLY = /\b(describe|test|it)\.only\s*\(/g;

function describeMentions(source: SourceFile, problems: LintProblem[]): Mention[] {
  const line = lineIndex(source.text);
  const mentions: Mention[] = [];
  for (const match of source.text.matchAll(DESCRIBE)) {
    if (match[1] === 'describe') mentions.push({ id: match[4]!, file: source.file, line: line(match.index) });
  }
  for (const match of source.text.matchAll(ONLY)) {
    problems.push({
      code: 'TEST_ONLY',
      severity: 'error',
      file: source.file,
      line: line(match.index),
      message: `${match[1]}.only makes the grader skip every other test`,
      fix: `change it back to ${match[1]}(`,
    });
  }
  return mentions;
}
