import express from 'express';

// `app` is your back end. Each app.get(...) line adds a route: a path it knows how to answer.
const app = express();

// Task 1: add a route for GET /hello here.

// server.js imports this app and starts it listening on a port. Keep this line last.
export default app;
