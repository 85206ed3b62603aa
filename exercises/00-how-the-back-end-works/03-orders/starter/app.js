import express from 'express';

const app = express();

// The menu from the previous exercise. Don't change it: the tests compute totals from these prices.
const menu = [
  { id: 1, name: 'Tomato soup', price: 6.5, category: 'starters' },
  { id: 2, name: 'Garlic bread', price: 4, category: 'starters' },
  { id: 3, name: 'Margherita pizza', price: 11, category: 'mains' },
  { id: 4, name: 'Mushroom risotto', price: 13.5, category: 'mains' },
  { id: 5, name: 'Fish and chips', price: 14, category: 'mains' },
  { id: 6, name: 'Chocolate cake', price: 7, category: 'desserts' },
  { id: 7, name: 'Lemon sorbet', price: 5, category: 'desserts' },
  { id: 8, name: 'Lemonade', price: 3.5, category: 'drinks' },
];

// The orders taken so far, kept in memory: they are lost when the app restarts. A real kitchen
// would keep them in a database; that comes in a later track.
const orders = [];
let nextOrderId = 1;

// TODO (task 1): let Express read JSON request bodies.

// TODO (task 1): POST /orders stores the order and answers 201, a Location header and the order.
// TODO (task 3): before storing it, answer 400 with { "error": "..." } when the order is not valid.

// TODO (task 2): GET /orders/:id answers the order, or 404 with { "error": "..." }.

// TODO (task 4): an error-handling middleware that answers broken JSON with 400 and a JSON error.

export default app;
