import { describe, expect, test, vi } from 'vitest';

// course.ts reads collections through astro:content, which only exists inside Astro; the helpers
// tested here do not touch it.
vi.mock('astro:content', () => ({ getCollection: () => [] }));
const { formatMinutes, plural } = await import('./course.ts');

describe('formatMinutes', () => {
  test('shows minutes under an hour and hours with minutes above', () => {
    expect(formatMinutes(45)).toBe('45 min');
    expect(formatMinutes(60)).toBe('1 h');
    expect(formatMinutes(135)).toBe('2 h 15 min');
  });
});

describe('plural', () => {
  test('adds an s except for one', () => {
    expect(plural(1, 'lesson')).toBe('1 lesson');
    expect(plural(3, 'task')).toBe('3 tasks');
    expect(plural(0, 'lesson')).toBe('0 lessons');
  });
});
