/** The scaffolder's public face: one function per `npm run new -- <kind>`, and how to print the result. */
export { scaffoldExercise } from './scaffold-exercise.ts';
export { scaffoldLesson } from './scaffold-lesson.ts';
export { scaffoldTrack } from './scaffold-track.ts';
export { ScaffoldError, type ScaffoldErrorCode } from './scaffold-error.ts';
export { formatResult, type ScaffoldResult } from './scaffold-result.ts';
