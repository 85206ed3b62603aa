/**
 * The process `mutateExercise` starts in a prepared workspace. StrykerJS reads the project from the
 * working directory (it has no base-path option), so each exercise gets a process of its own whose
 * working directory is its workspace. It receives the StrykerJS options as its first message, runs
 * one mutation test and answers with the mutant results (or the error), then exits.
 */
import { Stryker } from '@stryker-mutator/core';
import { processTree } from './process-tree.ts';

export type StrykerOptions = NonNullable<ConstructorParameters<typeof Stryker>[0]>;

export type ChildAnswer = { type: 'results'; results: ChildMutant[] } | { type: 'error'; message: string };

/** The fields of StrykerJS's MutantResult that the report uses. */
export interface ChildMutant {
  fileName: string;
  mutatorName: string;
  replacement: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

let answered = false;

function answer(message: ChildAnswer): void {
  answered = true;
  process.send!(message, () => process.exit(0));
}

// The parent is gone (stopped, or its output closed): StrykerJS's test runners would run on for
// minutes with nobody to tell, so they are stopped with this process.
process.on('disconnect', () => {
  if (answered) return;
  for (const pid of processTree(process.pid).slice(1).reverse()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  process.exit(1);
});

process.once('message', async (options: StrykerOptions) => {
  try {
    const results = await new Stryker(options).runMutationTest();
    answer({
      type: 'results',
      results: results.map(({ fileName, mutatorName, replacement, status, location }) => ({
        fileName,
        mutatorName,
        replacement,
        status,
        location,
      })),
    });
  } catch (error) {
    answer({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
