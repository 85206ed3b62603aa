/** The runtime's public face for the workspace: the interface, the chooser and the bundle shapes. */
export type {
  AppState,
  FileMap,
  HttpReply,
  HttpRequest,
  Runtime,
  RuntimeEvent,
  RuntimeKind,
  Session,
} from './runtime.ts';
export { RuntimeError } from './runtime.ts';
export type { RuntimeChoice } from './choose-runtime.ts';
export { choosePageRuntime, urlWithRuntime, BOOT_TIMEOUT_MS } from './page-runtime.ts';
export type { ExerciseBundle } from './exercise-bundle.ts';
export { exerciseBundleUrl, fetchJson, loadExerciseBundle } from './exercise-bundle.ts';
