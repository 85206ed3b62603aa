// Starts your app so you can send it requests. Your app.js builds the Express app and exports it;
// this file is the only one that listens on a port. The grader never runs this file: its tests talk
// to the exported app directly.
import app from './app.js';

const port = Number(process.env.PORT) || 3000;
// The workspace's local runner gives your app no network of its own (a sandbox): it reaches the app
// through this socket file instead of the port. On your own machine this is not set.
const socket = process.env.KITCHEN_SOCKET;

// Express 5 hands a listen error (such as EADDRINUSE: the port is taken) to this callback instead of
// throwing it, so throw it here: otherwise the app would say it is listening when it is not.
app.listen(socket || port, (error) => {
  if (error) throw error;
  console.log(`Listening on port ${port}`);
});
