export const db = null;
