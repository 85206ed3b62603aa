/**
 * Renders a results document: a summary, each task passed or not, the first failure expanded with its
 * message, request, curl line and the app's output, later failures collapsed, and a hint link. The
 * boxes that scroll take keyboard focus. A pass says what comes next.
 */
import type { ResultsDocument, TestRequest, TestResult } from '../../../../grader/src/schemas.ts';
import { copyable, h } from './dom.ts';

export interface ResultsPanelOptions {
  /** Present when the task has hints: reveals the next one. */
  hintFor(taskId: string): (() => void) | undefined;
  /** Where the learner stands and where to go next, shown under a pass. */
  nextSteps?(): Promise<HTMLElement | undefined>;
  /** Puts a failed test's request into the Request tab (the learner presses Send there). */
  tryRequest?(request: TestRequest): void;
}

export class ResultsPanel {
  #element: HTMLElement;
  #options: ResultsPanelOptions;

  constructor(root: HTMLElement, options: ResultsPanelOptions) {
    this.#element = root.querySelector<HTMLElement>('[data-results]')!;
    this.#options = options;
  }

  checking(): void {
    this.#element.replaceChildren(h('p', { class: 'muted' }, 'Checking your code…'));
  }

  error(message: string): void {
    this.#element.replaceChildren(h('p', { class: 'ws-error', role: 'alert' }, message));
  }

  render(results: ResultsDocument): void {
    const passed = results.tasks.filter((t) => t.status === 'pass').length;
    const summary =
      results.status === 'pass'
        ? results.tasks.length === 1
          ? 'The task passes. Well done!'
          : `All ${results.tasks.length} tasks pass. Well done!`
        : results.status === 'error'
          ? 'The tests could not run.'
          : `${passed} of ${results.tasks.length} ${results.tasks.length === 1 ? 'task passes' : 'tasks pass'}.`;
    const children: Node[] = [
      h(
        'p',
        { class: `ws-results-summary ws-results-${results.status}`, 'data-results-status': results.status },
        summary,
      ),
    ];
    // A failing run's message only repeats the counts above; an error's message says why nothing ran.
    // A failing run that lists no failed test must still say why (never a bare "0 of 4 tasks pass").
    const failedTests = results.tests.filter((t) => t.status !== 'pass').length;
    if (results.message && results.status === 'error')
      children.push(scrollBox('ws-results-message', 'Why the tests could not run', results.message));
    else if (results.status === 'fail' && failedTests === 0)
      children.push(
        scrollBox(
          'ws-results-message',
          'Why the check failed',
          results.message ??
            'The check ended without reporting which test failed. Check again; if it happens again, look at Logs for what your app printed.',
        ),
      );
    children.push(
      h(
        'ul',
        { class: 'ws-task-results', 'aria-label': 'Tasks' },
        ...results.tasks.map((task) =>
          h(
            'li',
            { 'data-task-id': task.id, 'data-status': task.status },
            h('span', { class: 'ws-mark', 'aria-hidden': 'true' }, task.status === 'pass' ? '✓' : '✗'),
            ` ${task.id}. ${task.title} `,
            h('span', { class: 'visually-hidden' }, task.status === 'pass' ? '(passes)' : '(fails)'),
          ),
        ),
      ),
    );
    const failures = results.tests.filter((t) => t.status !== 'pass');
    failures.forEach((test, index) => children.push(this.#failure(test, index === 0)));
    this.#element.replaceChildren(...children);
    if (results.status === 'pass') void this.#showNextSteps();
  }

  async #showNextSteps(): Promise<void> {
    const next = await this.#options.nextSteps?.().catch(() => undefined);
    if (next && this.#element.querySelector('[data-results-status="pass"]')) this.#element.append(next);
  }

  #tryButton(request: TestRequest): HTMLElement {
    const button = h(
      'button',
      { type: 'button', class: 'ws-link-button', 'data-try-request': '' },
      `Try ${request.method} ${request.path} in the Request tab`,
    );
    button.addEventListener('click', () => this.#options.tryRequest?.(request));
    return button;
  }

  #failure(test: TestResult, open: boolean): HTMLElement {
    const hint = this.#options.hintFor(test.task_id);
    const hintButton =
      hint &&
      h('button', { type: 'button', class: 'ws-link-button' }, `Show a hint for task ${test.task_id}`);
    hintButton?.addEventListener('click', hint!);
    return h(
      'details',
      { class: 'ws-failure', open, 'data-test-name': test.name },
      h(
        'summary',
        {},
        h('span', { class: 'ws-mark', 'aria-hidden': 'true' }, '✗'),
        ` Task ${test.task_id} · ${test.name}`,
      ),
      test.message
        ? scrollBox('ws-failure-message', `Task ${test.task_id} · ${test.name}: what differed`, test.message)
        : false,
      test.request
        ? h(
            'p',
            { class: 'ws-failure-request' },
            h('strong', {}, 'Request: '),
            `${test.request.method} ${test.request.path}`,
          )
        : false,
      test.request && this.#options.tryRequest ? this.#tryButton(test.request) : false,
      test.request
        ? h('p', { class: 'ws-failure-label' }, 'On your own machine, with node server.js running:')
        : false,
      test.request ? copyable(test.request.curl, 'curl command') : false,
      test.output ? h('p', { class: 'ws-failure-label' }, 'What your app printed:') : false,
      test.output
        ? scrollBox(
            'ws-failure-output',
            `Task ${test.task_id} · ${test.name}: what your app printed`,
            test.output,
          )
        : false,
      hintButton || false,
    );
  }
}

/** A box that may scroll: focusable, so a keyboard can scroll it, and named for screen readers. */
function scrollBox(className: string, label: string, text: string): HTMLElement {
  return h('pre', { class: className, tabindex: '0', role: 'region', 'aria-label': label }, text);
}
