import express from 'express';

const app = express();

const menu = [
  { id: 1, name: 'Tomato soup', price: 6.5, category: 'starters' },
  { id: 2, name: 'Garlic bread', price: 4, category: 'starters' },
  { id: 3, name: 'Margherita pizza', price: 11, category: 'mains' },
];

app.get('/menu', (req, res) => {
  res.json(menu);
});

// Two routes with bugs, kept on purpose so you can see what happens when code fails.
// Leave them as they are: your job is to make the app answer well when they break.

// This one throws while handling the request.
app.get('/boom', (req, res) => {
  const oven = undefined;
  if (!oven) {
    throw new Error('The oven in /srv/kitchen/oven.js caught fire');
  }
  res.json({ dish: 'roast' });
});

// This one fails later, inside an async function: the promise it returns rejects.
app.get('/boom-async', async (req, res) => {
  const fridge = await openFridge();
  res.json(fridge);
});

async function openFridge() {
  await new Promise((resolve) => setTimeout(resolve, 10));
  throw new Error('The fridge stopped answering (secret-password=hunter2)');
}

// TODO (task 1): answer every request that no route matched with 404 and { "error": "..." }.
// TODO (tasks 2 and 3): an error-handling middleware that logs the error and answers
//   500 { "error": "Internal Server Error" }.

export default app;
