import { describe, expect, test } from 'vitest';
import {
  adviceFor,
  changedPart,
  describeChange,
  describeMutant,
  summarizeMutants,
} from './mutation-results.ts';
import type { MutantOutcome } from './mutation-results.ts';
import type { AcceptedSurvivor } from './schemas.ts';

function mutant(overrides: Partial<MutantOutcome>): MutantOutcome {
  return {
    file: 'app.js',
    line: 10,
    column: 5,
    mutator: 'StringLiteral',
    original: "'ok'",
    replacement: '""',
    status: 'Survived',
    ...overrides,
  };
}

const logWording: AcceptedSurvivor = {
  file: 'app.js',
  line: 10,
  mutator: 'StringLiteral',
  reason: 'the wording of a log line',
};

describe('summarizeMutants', () => {
  test('scores killed and timed-out mutants as caught, survivors and uncovered ones as not', () => {
    const summary = summarizeMutants([
      mutant({ status: 'Killed' }),
      mutant({ status: 'Timeout' }),
      mutant({ status: 'Killed' }),
      mutant({ status: 'Survived', line: 3 }),
      mutant({ status: 'NoCoverage', line: 2 }),
      mutant({ status: 'RuntimeError' }),
      mutant({ status: 'Ignored' }),
    ]);
    expect(summary).toMatchObject({ detected: 3, undetected: 2, score: 60 });
    expect(summary.survivors.map((m) => [m.line, m.status])).toEqual([
      [2, 'NoCoverage'],
      [3, 'Survived'],
    ]);
  });

  test('has no score when there are no mutants', () => {
    expect(summarizeMutants([]).score).toBeUndefined();
  });

  test('moves a survivor that an entry accepts (same file, line and mutator) out of the survivors', () => {
    const summary = summarizeMutants([mutant({}), mutant({ line: 11 })], [logWording]);
    expect(summary.survivors.map((m) => m.line)).toEqual([11]);
    expect(summary.accepted).toEqual([{ mutant: mutant({}), entry: logWording }]);
    expect(summary.stale).toEqual([]);
    // Accepted survivors still lower the score: they are mutants no test notices.
    expect(summary.score).toBe(0);
  });

  test('lets one entry accept every mutant of its kind on its line', () => {
    const summary = summarizeMutants(
      [mutant({ column: 5 }), mutant({ column: 20, original: "'GET'" })],
      [logWording],
    );
    expect(summary.survivors).toEqual([]);
    expect(summary.accepted).toHaveLength(2);
  });

  test('does not accept a mutant of another kind, file or line', () => {
    const summary = summarizeMutants(
      [mutant({ mutator: 'ObjectLiteral' }), mutant({ file: 'routes.js' }), mutant({ line: 9 })],
      [logWording],
    );
    expect(summary.survivors).toHaveLength(3);
    expect(summary.stale).toEqual([{ entry: logWording, index: 0 }]);
  });

  test('lets an entry with a range of lines accept the mutants of its kind on each of them', () => {
    const menuNames: AcceptedSurvivor = { ...logWording, line: '7-9', reason: 'menu names no route sends' };
    const summary = summarizeMutants(
      [mutant({ line: 6 }), mutant({ line: 7 }), mutant({ line: 9 }), mutant({ line: 10 })],
      [menuNames],
    );
    expect(summary.survivors.map((m) => m.line)).toEqual([6, 10]);
    expect(summary.accepted.map(({ mutant: m }) => m.line)).toEqual([7, 9]);
  });

  test('accepts an uncovered mutant too', () => {
    const summary = summarizeMutants([mutant({ status: 'NoCoverage' })], [logWording]);
    expect(summary.survivors).toEqual([]);
  });

  test('reports an entry that matches only a killed mutant as stale', () => {
    const summary = summarizeMutants([mutant({ status: 'Killed' })], [logWording]);
    expect(summary.stale).toEqual([{ entry: logWording, index: 0 }]);
  });
});

describe('describeChange', () => {
  test('names only the operator that changed in a comparison', () => {
    expect(changedPart('qty >= 1', 'qty > 1')).toEqual({ from: '>=', to: '>' });
    expect(
      describeChange(mutant({ mutator: 'EqualityOperator', original: 'qty >= 1', replacement: 'qty > 1' })),
    ).toBe('`>=` changed to `>`');
  });

  test('says a call that was removed is removed', () => {
    const call = mutant({
      mutator: 'CallExpression',
      original: 'console.log(`${req.method} ${req.path}`);',
      replacement: ';',
    });
    expect(describeChange(call)).toBe('`` console.log(`${req.method} ${req.path}`) `` removed');
  });

  test('says a method call that was dropped is removed', () => {
    const trim = mutant({ mutator: 'MethodExpression', original: 'name.trim()', replacement: 'name' });
    expect(describeChange(trim)).toBe('`.trim()` removed');
  });

  test('shows an emptied block shortened to one line', () => {
    const block = mutant({
      mutator: 'BlockStatement',
      original:
        "{\n  res.status(404).json({ error: 'No dish with that id is on the menu, sorry about that' });\n}",
      replacement: '{}',
    });
    expect(describeChange(block)).toBe(
      "the block `{ res.status(404).json({ error: 'No dish with that id is on…` emptied",
    );
  });

  test('says an object or a list was emptied, and shows a list that was filled', () => {
    const dish = mutant({
      mutator: 'ObjectLiteral',
      original: "{ id: 2, name: 'Garlic bread' }",
      replacement: '{}',
    });
    expect(describeChange(dish)).toBe("the object `{ id: 2, name: 'Garlic bread' }` emptied");
    const filled = mutant({
      mutator: 'ArrayDeclaration',
      original: '[]',
      replacement: '["Stryker was here"]',
    });
    expect(describeChange(filled)).toBe('`[]` changed to `["Stryker was here"]`');
  });

  test('shows a condition replaced by a constant', () => {
    const condition = mutant({ mutator: 'ConditionalExpression', original: '!dish', replacement: 'false' });
    expect(describeChange(condition)).toBe('`!dish` changed to `false`');
  });
});

describe('adviceFor', () => {
  test('asks for a boundary test when >= became >', () => {
    expect(adviceFor(mutant({ mutator: 'EqualityOperator', original: 'a >= 1', replacement: 'a > 1' }))).toBe(
      'add a test for the boundary (a value exactly on the limit)',
    );
  });

  test('asks for a case where the condition is false when it became true', () => {
    expect(adviceFor(mutant({ mutator: 'ConditionalExpression', original: 'a', replacement: 'true' }))).toBe(
      'add a test where this condition is false',
    );
  });
});

describe('describeMutant', () => {
  test('names file:line, the change, what no test did and the advice', () => {
    expect(
      describeMutant(
        mutant({ line: 14, mutator: 'EqualityOperator', original: 'n >= 1', replacement: 'n > 1' }),
      ),
    ).toMatchInlineSnapshot(
      `"app.js:14 — \`>=\` changed to \`>\` and no test noticed: add a test for the boundary (a value exactly on the limit) [EqualityOperator]"`,
    );
  });

  test('says no test runs the code of an uncovered mutant', () => {
    expect(describeMutant(mutant({ status: 'NoCoverage', line: 30 }))).toMatchInlineSnapshot(
      `"app.js:30 — \`'ok'\` changed to \`""\` and no test even runs this code: add a test that reaches it [StringLiteral]"`,
    );
  });
});
