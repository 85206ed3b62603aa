// Preloaded (`node --import`) by the spare worker processes of warm checks (spare-forks.js), before
// any test or learner code exists in them: the packages nearly every check imports are then already
// in Node's module cache when the test file asks for them. Loading a package has no effect a learner
// could observe, and each spare serves one test file only. A package that is missing is skipped
// here and reported by the test that needs it.
await Promise.allSettled([import('express'), import('supertest')]);
