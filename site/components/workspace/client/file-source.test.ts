import { describe, expect, test } from 'vitest';
import { chooseFiles, filesHash, isSolutionPreview } from './file-source.ts';

const starter = { 'app.js': 'starter', 'schema.sql': 'create table t (id);' };
const solution = { 'app.js': 'solution' };
const base = { starter, solution, search: '', dev: true };

describe('chooseFiles', () => {
  test('nothing saved: the starter', () => {
    const chosen = chooseFiles({ ...base, saved: undefined });
    expect(chosen).toEqual({
      source: 'starter',
      files: starter,
      starterHash: filesHash(starter),
      starterChanged: false,
    });
    expect(chooseFiles({ ...base, saved: { files: {} } }).source).toBe('starter');
  });

  test('saved files win over the starter', () => {
    const saved = { files: { 'app.js': 'mine' }, starterHash: filesHash(starter) };
    expect(chooseFiles({ ...base, saved })).toMatchObject({
      source: 'saved',
      files: saved.files,
      starterChanged: false,
    });
  });

  test('saves without a starter fingerprint are kept and adopt the current one', () => {
    const chosen = chooseFiles({ ...base, saved: { files: { 'app.js': 'mine' } } });
    expect(chosen).toMatchObject({ source: 'saved', starterHash: filesHash(starter), starterChanged: false });
  });

  test('the starter changed and the learner edited: their files win, and the change is reported', () => {
    const old = { 'app.js': 'old starter' };
    const saved = { files: { 'app.js': 'mine' }, starterHash: filesHash(old) };
    expect(chooseFiles({ ...base, saved })).toEqual({
      source: 'saved',
      files: saved.files,
      starterHash: filesHash(old),
      starterChanged: true,
    });
  });

  test('the starter changed and the saved files are the untouched old starter: the new starter', () => {
    const old = { 'app.js': 'old starter' };
    const chosen = chooseFiles({ ...base, saved: { files: old, starterHash: filesHash(old) } });
    expect(chosen).toMatchObject({ source: 'starter', files: starter, starterChanged: false });
  });

  test('?files=solution in dev: the solution over the starter, whatever is saved', () => {
    const saved = { files: { 'app.js': 'mine' }, starterHash: filesHash(starter) };
    const chosen = chooseFiles({ ...base, saved, search: '?runtime=local&files=solution' });
    expect(chosen).toMatchObject({
      source: 'solution-preview',
      files: { 'app.js': 'solution', 'schema.sql': 'create table t (id);' },
    });
  });

  test('?files=solution in a production build is ignored', () => {
    const saved = { files: { 'app.js': 'mine' }, starterHash: filesHash(starter) };
    expect(chooseFiles({ ...base, dev: false, saved, search: '?files=solution' }).source).toBe('saved');
    expect(chooseFiles({ ...base, dev: false, saved: undefined, search: '?files=solution' }).source).toBe(
      'starter',
    );
  });
});

describe('filesHash', () => {
  test('depends on paths and contents, not on key order', () => {
    expect(filesHash({ a: '1', b: '2' })).toBe(filesHash({ b: '2', a: '1' }));
    expect(filesHash({ a: '1' })).not.toBe(filesHash({ a: '2' }));
    expect(filesHash({ a: '1' })).not.toBe(filesHash({ b: '1' }));
    expect(filesHash({ ab: '' })).not.toBe(filesHash({ a: 'b' }));
  });

  test('isSolutionPreview needs dev and files=solution', () => {
    expect(isSolutionPreview('?files=solution', true)).toBe(true);
    expect(isSolutionPreview('?files=starter', true)).toBe(false);
    expect(isSolutionPreview('?files=solution', false)).toBe(false);
  });
});
