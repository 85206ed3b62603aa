// Types the grading JavaScript in exercises/_template/ shares: checked by `npm run typecheck`
// (grader/tsconfig.template.json), kept out of the template so no workspace gets this file.
import 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** The last request a test sent (grading/http.js), for the results and a curl line. */
    kitchenRequest?: { method: string; path: string; curl?: string; [key: string]: unknown };
    /** What the learner's app printed during the test, cut to the cap (grading/setup.js). */
    kitchenOutput?: string;
  }
}
