// Starts your app so you can send it requests. Your app.js builds the Express app and exports it;
// this file is the only one that listens on a port. The grader never runs this file: its tests talk
// to the exported app directly.
import app from './app.js';

const port = Number(process.env.PORT) || 3000;

app.listen(port, () => {
  console.log(`Listening on port ${port}`);
});
