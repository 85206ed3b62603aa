import { expect, test } from 'vitest';
import { LineSplitter, stripAnsi } from './line-splitter.ts';

test('joins lines split across chunks and drops CRLF endings', () => {
  const splitter = new LineSplitter();
  expect(splitter.push('@@kit')).toEqual([]);
  expect(splitter.push('chen {}\r\nnext')).toEqual(['@@kitchen {}']);
  expect(splitter.flush()).toEqual(['next']);
});

test('strips colour codes', () => {
  expect(stripAnsi('\u001b[32mok\u001b[0m')).toBe('ok');
});
