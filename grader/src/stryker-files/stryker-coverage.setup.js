// StrykerJS's Vitest runner files the code each test reaches under that test, then runs each mutant
// against those tests only. The learner's app.js is imported by the first test of a file, so the code
// that runs on import (routes, middleware, data) would be filed under that one test, and a mutant
// there would never meet the tests that really use it. Filing everything under no test makes StrykerJS
// run every test against every mutant the tests reach; mutants no test reaches stay "NoCoverage".
// This hook runs after StrykerJS's own beforeEach, which sets the id: its setup file comes first.
import { beforeEach } from 'vitest';

beforeEach(() => {
  if (globalThis.__stryker__) globalThis.__stryker__.currentTestId = undefined;
});
