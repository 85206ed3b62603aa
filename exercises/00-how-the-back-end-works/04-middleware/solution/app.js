import { randomUUID } from 'node:crypto';
import express from 'express';

const app = express();

const menu = [
  { id: 1, name: 'Tomato soup', price: 6.5, category: 'starters' },
  { id: 2, name: 'Garlic bread', price: 4, category: 'starters' },
  { id: 3, name: 'Margherita pizza', price: 11, category: 'mains' },
  { id: 4, name: 'Mushroom risotto', price: 13.5, category: 'mains' },
];

// An id we accept from the caller: short, and made only of characters that are safe in a header,
// a log line or an HTML page.
const VALID_REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

app.use((req, res, next) => {
  const incoming = req.get('X-Request-Id');
  req.id = incoming && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.set('X-Request-Id', req.id);
  next();
});

app.use((req, res, next) => {
  const started = performance.now();
  // 'finish' fires once the whole response has been handed over, so the status is final by then.
  res.on('finish', () => {
    const ms = (performance.now() - started).toFixed(1);
    console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms}ms`);
  });
  next();
});

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
