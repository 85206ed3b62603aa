import { join } from 'node:path';
import { expect, test } from 'vitest';
import { exercisesTouchedBy } from './changed-exercises.ts';
import { repoRoot } from './paths.ts';

const menu = join(repoRoot, 'exercises/00-how-the-back-end-works/02-menu');
const orders = join(repoRoot, 'exercises/00-how-the-back-end-works/03-orders');
const books = join(repoRoot, 'exercises/01-databases/01-books');

test('selects the exercises whose solution, tests or exercise.yaml changed, in the given order', () => {
  const changed = [
    'exercises/01-databases/01-books/tests/books.test.js',
    'exercises/00-how-the-back-end-works/02-menu/solution/app.js',
    'README.md',
  ];
  expect(exercisesTouchedBy(changed, [menu, orders, books])).toEqual([menu, books]);
  expect(
    exercisesTouchedBy(['exercises/00-how-the-back-end-works/03-orders/exercise.yaml'], [menu, orders]),
  ).toEqual([orders]);
});

test('ignores instructions, hints and the starter, which cannot change the mutants', () => {
  const changed = [
    'exercises/00-how-the-back-end-works/02-menu/instructions.md',
    'exercises/00-how-the-back-end-works/02-menu/hints.md',
    'exercises/00-how-the-back-end-works/02-menu/starter/app.js',
  ];
  expect(exercisesTouchedBy(changed, [menu])).toEqual([]);
});

test('does not mistake an exercise for another whose folder name starts the same', () => {
  const changed = ['exercises/00-how-the-back-end-works/02-menu-extra/solution/app.js'];
  expect(exercisesTouchedBy(changed, [menu])).toEqual([]);
});
