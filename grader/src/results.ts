/** Small builders for results documents the Node side produces itself (limits, crashes). */
import { RESULTS_VERSION } from './results-version.ts';
import type { ExerciseMeta, ResultsDocument } from './schemas.ts';

export function errorResults(
  code: string,
  message: string,
  tasks: ExerciseMeta['tasks'] = [],
): ResultsDocument {
  return {
    version: RESULTS_VERSION,
    status: 'error',
    code,
    message,
    tasks: tasks.map((task) => ({ id: task.id, title: task.title, status: 'error' })),
    tests: [],
  };
}

export function timeoutMessage(timeoutMs: number): string {
  return (
    `The check took longer than ${timeoutMs / 1000} s and was stopped. Something in your app keeps running: ` +
    'an endless loop, or code that waits forever. Start the app with Run and send the requests yourself to find where it hangs.'
  );
}

export function outputLimitMessage(outputBytes: number): string {
  return (
    `Your app printed more than ${Math.round(outputBytes / 1024)} KB of output, so the check was stopped. ` +
    'Remove console.log calls inside loops, or print less per request.'
  );
}
