/** The /progress/ page: fills the status column from IndexedDB and exports/imports the JSON file. */
import { entries, set } from 'idb-keyval';
import {
  mergeProgress,
  parseProgressExport,
  readProgress,
  writeProgress,
  type ProgressExport,
  type ProgressMap,
} from '../../../lib/progress/progress-store.ts';

function render(progress: ProgressMap): void {
  let done = 0;
  let started = 0;
  for (const cell of document.querySelectorAll<HTMLElement>('[data-progress-status]')) {
    const slug = cell.dataset.progressStatus;
    if (!slug) continue;
    const entry = progress[slug];
    if (!entry) {
      cell.textContent = 'not started';
      cell.dataset.state = 'none';
      continue;
    }
    started += 1;
    if (entry.status === 'done') done += 1;
    cell.dataset.state = entry.status;
    cell.textContent =
      entry.status === 'done'
        ? '✓ done'
        : `in progress · ${entry.tasksPassed.length} of ${entry.tasksTotal || cell.dataset.tasks} tasks pass`;
  }
  const total = document.querySelectorAll('[data-progress-status]:not([data-progress-status=""])').length;
  document.querySelector('[data-progress-summary]')!.textContent =
    `${done} of ${total} exercises done, ${started - done} in progress.`;
}

function showError(error: unknown): void {
  const element = document.querySelector<HTMLElement>('[data-progress-error]')!;
  element.textContent = (error as Error).message;
  element.hidden = false;
}

export async function initProgressPage(): Promise<void> {
  const message = document.querySelector<HTMLElement>('[data-progress-message]')!;
  try {
    render(await readProgress());
  } catch (error) {
    showError(error);
  }

  document.querySelector('[data-export]')!.addEventListener('click', async () => {
    try {
      const all = await entries<string, unknown>();
      const data: ProgressExport = {
        app: 'backend-kitchen',
        kind: 'progress',
        version: 1,
        exportedAt: new Date().toISOString(),
        progress: await readProgress(),
        workspaces: Object.fromEntries(all.filter(([key]) => String(key).startsWith('workspace:'))),
      };
      const url = URL.createObjectURL(
        new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = `backend-kitchen-progress-${data.exportedAt.slice(0, 10)}.json`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      message.textContent = 'Exported: look in your downloads.';
    } catch (error) {
      showError(error);
    }
  });

  document.querySelector<HTMLInputElement>('[data-import]')!.addEventListener('change', async (event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const imported = parseProgressExport(await file.text());
      const merged = mergeProgress(await readProgress(), imported.progress);
      await writeProgress(merged);
      const existing = new Set((await entries()).map(([key]) => String(key)));
      const incoming = Object.entries(imported.workspaces).filter(([key]) => key.startsWith('workspace:'));
      const clashes = incoming.filter(([key]) => existing.has(key)).length;
      const replace =
        clashes === 0 ||
        confirm(
          `The file holds code for ${clashes} exercises you also have code for here. Replace yours with the imported code?`,
        );
      let restored = 0;
      for (const [key, value] of incoming) {
        if (existing.has(key) && !replace) continue;
        await set(key, value);
        restored += 1;
      }
      render(merged);
      message.textContent = `Imported ${Object.keys(imported.progress).length} exercises' progress and ${restored} saved workspaces.`;
    } catch (error) {
      message.textContent = '';
      showError(error);
    } finally {
      input.value = '';
    }
  });
}
