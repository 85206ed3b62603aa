import { describe, expect, test } from 'vitest';
import { lintFixture } from '../../test/lint-fixtures/lint-fixture.ts';

describe('file rules', () => {
  test('reports an editable file that starter/ lacks', () => {
    expect(lintFixture('files')).toMatchInlineSnapshot(
      `"exercises/00-basics/01-hello/exercise.yaml:13 — editable file "db.js" is not in starter/ — add exercises/00-basics/01-hello/starter/db.js, or remove it from files.editable"`,
    );
  });
});
