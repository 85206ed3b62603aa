/**
 * Accessibility scan shared by the browser tests: runs axe-core on the current page and returns
 * the serious and critical violations, formatted so a failure says which rule, where, and why.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
}

/** Counts of all violations by impact, for reporting figures. */
export async function axeSummary(page: Page): Promise<Record<string, number>> {
  const results = await new AxeBuilder({ page }).analyze();
  const counts: Record<string, number> = {};
  for (const v of results.violations)
    counts[v.impact ?? 'unknown'] = (counts[v.impact ?? 'unknown'] ?? 0) + 1;
  return counts;
}
