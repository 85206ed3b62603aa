/** The results contract's version (see ARCHITECTURE), in a module of its own so the browser can import it without zod. */
export const RESULTS_VERSION = 3;
