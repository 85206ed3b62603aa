/**
 * The Monaco side of the workspace: one code editor with a model per file (so each keeps its own undo
 * history and cursor), read-only models for the tests, the JavaScript language service fed with Express
 * types, and a diff editor to compare the learner's code with the reference solution.
 * Loaded with a dynamic import once the instructions are on screen, so the first paint ships no Monaco.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/sql/register';
import {
  javascriptDefaults,
  ModuleKind,
  ModuleResolutionKind,
  ScriptTarget,
} from 'monaco-editor/languages/features/typescript/register';
import 'monaco-editor/languages/features/json/register';
import { configureMonacoWorkers } from './monaco-workers.ts';
import { EXTRA_LIBS } from './monaco-types.ts';

export interface CursorState {
  lineNumber: number;
  column: number;
  scrollTop?: number;
}

export interface EditorHandlers {
  onChange(path: string, content: string): void;
  onSave(): void;
  onCheck(): void;
}

let configured = false;
function configureOnce(): void {
  if (configured) return;
  configured = true;
  configureMonacoWorkers();
  defineThemes();
  javascriptDefaults.setCompilerOptions({
    target: ScriptTarget.ES2020,
    module: ModuleKind.ESNext,
    moduleResolution: ModuleResolutionKind.NodeJs,
    allowJs: true,
    allowNonTsExtensions: true,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    noEmit: true,
  });
  for (const [path, content] of EXTRA_LIBS) javascriptDefaults.addExtraLib(content, path);
}

const languageOf = (path: string): string =>
  path.endsWith('.json')
    ? 'json'
    : path.endsWith('.md')
      ? 'markdown'
      : path.endsWith('.sql')
        ? 'sql'
        : 'javascript';

const uriOf = (path: string) => monaco.Uri.parse(`file:///${path}`);

function currentTheme(): string {
  return document.documentElement.dataset.theme === 'dark' ? 'kitchen-dark' : 'kitchen-light';
}

/** Monaco's default line numbers and faded code fail WCAG contrast; these keep every text ≥ 4.5:1. */
function defineThemes(): void {
  monaco.editor.defineTheme('kitchen-light', {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#ffffff',
      'editorLineNumber.foreground': '#5f6672',
      'editorLineNumber.activeForeground': '#1d1f24',
    },
  });
  monaco.editor.defineTheme('kitchen-dark', {
    base: 'vs-dark',
    inherit: true,
    // vs-dark's comments (#608b4e) reach 4.39:1 on this background; VS Code's Dark+ green reaches 5.2:1.
    rules: [{ token: 'comment', foreground: '6a9955' }],
    colors: {
      'editor.background': '#181a1f',
      'editorLineNumber.foreground': '#9aa1ad',
      'editorLineNumber.activeForeground': '#e7e8eb',
    },
  });
}

export class CodeEditor {
  #editor: monaco.editor.IStandaloneCodeEditor;
  #host: HTMLElement;
  #models = new Map<string, monaco.editor.ITextModel>();
  #readOnly = new Set<string>();
  #active: string | undefined;
  #cursors = new Map<string, CursorState>();
  #handlers: EditorHandlers;
  #diff: monaco.editor.IStandaloneDiffEditor | undefined;
  #diffContainer: HTMLElement | undefined;
  #themeObserver: MutationObserver;

  constructor(host: HTMLElement, handlers: EditorHandlers) {
    configureOnce();
    this.#host = host;
    this.#handlers = handlers;
    this.#editor = monaco.editor.create(host, {
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      // Monaco derives the line height from the platform (19 px here, 21 px on a Mac); one height
      // everywhere keeps the editor's line count, which the layout is sized for, the same.
      lineHeight: 19,
      // Room for three digits: files here are short, and a phone needs the width for code.
      lineNumbersMinChars: 3,
      tabSize: 2,
      scrollBeyondLastLine: false,
      theme: currentTheme(),
      ariaLabel: 'Code editor',
      fixedOverflowWidgets: true,
      wordWrap: 'on',
      renderFinalNewline: 'on',
      showUnused: false,
      // Tab inserts spaces by default; Ctrl+M toggles Tab to move focus, and Escape then Tab leaves.
      tabFocusMode: false,
    });
    this.#editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => this.#handlers.onSave());
    this.#editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => this.#handlers.onCheck());
    this.#editor.onDidChangeCursorPosition((event) => {
      if (!this.#active) return;
      this.#cursors.set(this.#active, {
        lineNumber: event.position.lineNumber,
        column: event.position.column,
        scrollTop: this.#editor.getScrollTop(),
      });
    });
    this.#themeObserver = new MutationObserver(() => monaco.editor.setTheme(currentTheme()));
    this.#themeObserver.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme'],
    });
  }

  /** Adds (or replaces the content of) a file's model. */
  setFile(path: string, content: string, options: { readOnly?: boolean } = {}): void {
    let model = this.#models.get(path);
    if (!model) {
      model =
        monaco.editor.getModel(uriOf(path)) ??
        monaco.editor.createModel(content, languageOf(path), uriOf(path));
      this.#models.set(path, model);
      if (!options.readOnly) {
        model.onDidChangeContent(() => this.#handlers.onChange(path, model!.getValue()));
      }
    }
    if (model.getValue() !== content) {
      // pushEditOperations keeps undo history, so a Reset or "Use the solution" can be undone with Ctrl+Z.
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: content }], () => null);
    }
    if (options.readOnly) this.#readOnly.add(path);
    else this.#readOnly.delete(path);
  }

  removeFile(path: string): void {
    this.#models.get(path)?.dispose();
    this.#models.delete(path);
    this.#cursors.delete(path);
  }

  renameFile(from: string, to: string): void {
    const content = this.#models.get(from)?.getValue() ?? '';
    this.removeFile(from);
    this.setFile(to, content);
  }

  show(path: string): void {
    const model = this.#models.get(path);
    if (!model) return;
    if (this.#active && this.#active !== path) {
      const position = this.#editor.getPosition();
      if (position) this.#cursors.set(this.#active, { ...position, scrollTop: this.#editor.getScrollTop() });
    }
    this.#active = path;
    this.#editor.setModel(model);
    this.#editor.updateOptions({
      readOnly: this.#readOnly.has(path),
      readOnlyMessage: { value: 'The tests are read-only: they show what Check will try.' },
    });
    const cursor = this.#cursors.get(path);
    if (cursor) {
      this.#editor.setPosition({ lineNumber: cursor.lineNumber, column: cursor.column });
      if (cursor.scrollTop !== undefined) this.#editor.setScrollTop(cursor.scrollTop);
      else this.#editor.revealPositionInCenter({ lineNumber: cursor.lineNumber, column: cursor.column });
    }
  }

  setCursors(cursors: Record<string, CursorState>): void {
    for (const [path, cursor] of Object.entries(cursors)) this.#cursors.set(path, cursor);
  }

  cursors(): Record<string, CursorState> {
    const position = this.#editor.getPosition();
    if (this.#active && position)
      this.#cursors.set(this.#active, { ...position, scrollTop: this.#editor.getScrollTop() });
    return Object.fromEntries(this.#cursors);
  }

  focus(): void {
    this.#editor.focus();
  }

  /** Replaces the code editor with a side-by-side diff: the learner's code left, the solution right. */
  showDiff(path: string, mine: string, solution: string): void {
    this.hideDiff();
    const container = document.createElement('div');
    container.className = 'ws-diff';
    this.#host.after(container);
    this.#diffContainer = container;
    this.#host.hidden = true;
    this.#diff = monaco.editor.createDiffEditor(container, {
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      minimap: { enabled: false },
      wordWrap: 'on',
      renderFinalNewline: 'on',
      showUnused: false,
      theme: currentTheme(),
      ariaLabel: 'Your code compared with the reference solution',
      useInlineViewWhenSpaceIsLimited: true,
    });
    this.#diff.setModel({
      original: monaco.editor.createModel(mine, languageOf(path)),
      modified: monaco.editor.createModel(solution, languageOf(path)),
    });
  }

  hideDiff(): void {
    if (!this.#diff) return;
    const model = this.#diff.getModel();
    this.#diff.dispose();
    model?.original.dispose();
    model?.modified.dispose();
    this.#diffContainer?.remove();
    this.#diffContainer = undefined;
    this.#diff = undefined;
    this.#host.hidden = false;
    this.#editor.layout();
  }

  get diffShown(): boolean {
    return this.#diff !== undefined;
  }
}
