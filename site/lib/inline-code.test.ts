import { describe, expect, test } from 'vitest';
import { splitInlineCode } from './inline-code.ts';

describe('splitInlineCode', () => {
  test('turns backticked words into code parts and keeps the rest as text', () => {
    expect(splitInlineCode('Call `app.get()` then `listen`.')).toEqual([
      { code: false, text: 'Call ' },
      { code: true, text: 'app.get()' },
      { code: false, text: ' then ' },
      { code: true, text: 'listen' },
      { code: false, text: '.' },
    ]);
  });

  test('leaves an unclosed backtick as plain text', () => {
    expect(splitInlineCode('a ` b')).toEqual([{ code: false, text: 'a ` b' }]);
  });
});
