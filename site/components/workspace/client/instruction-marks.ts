/**
 * Ticks the instructions' task headings ("## 1. …") when their tests pass. The instructions are the
 * site's HTML, so the marks are added beside the headings rather than baked into them.
 */
import type { TaskResult } from '../../../../grader/src/schemas.ts';

export function markTasks(tasks: Pick<TaskResult, 'id' | 'status'>[]): void {
  const headings = document.querySelectorAll<HTMLElement>('.instructions h2, .instructions-body h2');
  for (const heading of headings) {
    const id = /^\s*(\d+)\./.exec(heading.textContent ?? '')?.[1];
    const task = id && tasks.find((t) => t.id === id);
    if (!task) continue;
    let mark = heading.querySelector<HTMLElement>('.ws-task-mark');
    if (!mark) {
      mark = document.createElement('span');
      mark.className = 'ws-task-mark';
      heading.append(' ', mark);
    }
    mark.dataset.status = task.status;
    mark.textContent = task.status === 'pass' ? '✓ passes' : '✗ not yet';
  }
}
