/** Checks a slug typed on the command line and turns it into a starting title. */
import { slugSchema } from '../schemas.ts';
import { ScaffoldError } from './scaffold-error.ts';

export function checkSlug(slug: string | undefined, kind: string, usage: string): string {
  if (!slug) throw new ScaffoldError('USAGE', `no ${kind} slug given. Usage: ${usage}`);
  if (/^\d{2}-/.test(slug)) {
    throw new ScaffoldError(
      'BAD_SLUG',
      `"${slug}" starts with a number. Give the ${kind} slug without it (e.g. "${slug.slice(3)}"); the number is chosen for you.`,
    );
  }
  if (!slugSchema.safeParse(slug).success) {
    const suggestion = slug
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
    throw new ScaffoldError(
      'BAD_SLUG',
      `"${slug}" is not a valid ${kind} slug: use lowercase letters, digits and single hyphens${suggestion ? `, e.g. "${suggestion}"` : ''}.`,
    );
  }
  return slug;
}

/** `your-first-server` → `Your first server`. */
export function titleFromSlug(slug: string): string {
  const words = slug.split('-').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const pad = (order: number) => String(order).padStart(2, '0');
