import { expect, test } from 'vitest';
import { sliceSource, strykerOptions } from './mutate-exercise.ts';

const source = "app.get('/', (req, res) => {\n  res.send('hi');\n});\n";

test("cuts the mutated code out of the solution by StrykerJS's 1-based positions, end excluded", () => {
  expect(sliceSource(source, { line: 1, column: 9 }, { line: 1, column: 12 })).toBe("'/'");
  expect(sliceSource(source, { line: 1, column: 28 }, { line: 3, column: 2 })).toBe(
    "{\n  res.send('hi');\n}",
  );
});

test('runs the Vitest runner on the editable files with the mutation config and the given workers', () => {
  expect(strykerOptions(['app.js', 'db.js'], 1, 3000)).toMatchObject({
    testRunner: 'vitest',
    vitest: { configFile: 'vitest.mutation.config.js', related: false, pool: 'forks' },
    mutate: ['app.js', 'db.js'],
    concurrency: 1,
    timeoutMS: 3000,
  });
});
