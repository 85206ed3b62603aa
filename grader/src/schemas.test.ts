import { expect, test } from 'vitest';
import { mutationSchema } from './schemas.ts';

test('mutation.acceptedSurvivors takes a line or a range of lines, a mutator and a reason', () => {
  const parsed = mutationSchema.parse({
    acceptedSurvivors: [
      { file: 'app.js', line: 14, mutator: 'StringLiteral', reason: 'the wording of a log line' },
      { file: 'app.js', line: '7-14', mutator: 'ObjectLiteral', reason: 'menu data no route sends' },
    ],
  });
  expect(parsed.acceptedSurvivors.map((entry) => entry.line)).toEqual([14, '7-14']);
});

test('rejects a mutator StrykerJS does not have, naming the ones it has', () => {
  const result = mutationSchema.safeParse({
    acceptedSurvivors: [{ file: 'app.js', line: 3, mutator: 'String', reason: 'log wording' }],
  });
  expect(result.error?.issues[0]?.message).toMatch(/^expected one of ArithmeticOperator, .*StringLiteral/);
});

test('rejects an entry without a reason', () => {
  const result = mutationSchema.safeParse({
    acceptedSurvivors: [{ file: 'app.js', line: 3, mutator: 'StringLiteral' }],
  });
  expect(result.error?.issues[0]?.path).toEqual(['acceptedSurvivors', 0, 'reason']);
});
