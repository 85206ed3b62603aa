import express from 'express';

const app = express();

const menu = [
  { id: 1, name: 'Tomato soup', price: 6.5, category: 'starters' },
  { id: 2, name: 'Garlic bread', price: 4, category: 'starters' },
  { id: 3, name: 'Margherita pizza', price: 11, category: 'mains' },
  { id: 4, name: 'Mushroom risotto', price: 13.5, category: 'mains' },
];

// TODO (tasks 1 and 2): a middleware that gives every response an X-Request-Id header.
// TODO (task 3): a middleware that logs one line per request when its response is finished.
// Both must be added before the routes below, or they won't run for them.

app.get('/menu', (req, res) => {
  res.json(menu);
});

app.get('/menu/:id', (req, res) => {
  const dish = menu.find((item) => item.id === Number(req.params.id));
  if (!dish) {
    return res.status(404).json({ error: `There is no dish with id ${req.params.id} on the menu.` });
  }
  res.json(dish);
});

export default app;
