import { expect, test } from 'vitest';
import { newFileProblem } from './workspace-files.ts';

const files = { 'app.js': '', 'routes/menu.js': '' };

test('a new file name follows the runtimes\' path rule, so the prompt refuses what Run and Check would', () => {
  expect(newFileProblem('routes/dishes.js', files)).toBeUndefined();
  expect(newFileProblem('public/style.css', files)).toBeUndefined();
  // Accepted by the old pattern, refused by both runtimes: the prompt used to add them anyway.
  expect(newFileProblem('../escape.js', files)).toMatch(/leaves the exercise folder/);
  expect(newFileProblem('node_modules/x.js', files)).toMatch(/inside node_modules/);
  expect(newFileProblem('.hidden.js', files)).toMatch(/not allowed/);
  expect(newFileProblem('routes\\x.js', files)).toMatch(/backslash/);
});

test('a new file name needs a file type the runner accepts, stays out of tests/ and is not taken', () => {
  expect(newFileProblem('notes', files)).toMatch(/end the name in one of \.js/);
  expect(newFileProblem('image.png', files)).toMatch(/end the name in one of/);
  expect(newFileProblem('tests/extra.test.js', files)).toMatch(/tests\/ holds/);
  expect(newFileProblem('routes/menu.js', files)).toMatch(/already exists/);
});
