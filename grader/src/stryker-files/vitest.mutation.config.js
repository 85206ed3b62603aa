// The template's Vitest settings plus one setup file: the configuration StrykerJS runs the tests with
// (mutateExercise copies this file and the setup file into the workspace, beside vitest.config.js).
import { mergeConfig } from 'vitest/config';
import template from './vitest.config.js';

export default mergeConfig(template, { test: { setupFiles: ['./stryker-coverage.setup.js'] } });
