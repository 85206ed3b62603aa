import express from 'express';

// `app` is your back end. Each app.get(...) line adds a route: a path it knows how to answer.
const app = express();

// This route answers GET / (the home page). Try it: start the app, then send GET /.
app.get('/', (req, res) => {
  res.send('Welcome to the kitchen!');
});

// Task 1: add a route for GET /health here.

// server.js imports this app and starts it listening on a port. Keep this line last.
export default app;
