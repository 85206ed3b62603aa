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

app.use(express.json());

/** Returns a sentence saying what is wrong with an order's items, or undefined when they are fine. */
function findProblem(items) {
  if (!Array.isArray(items) || items.length === 0) {
    return 'items must be a non-empty array of { menuItemId, quantity }.';
  }
  for (const [index, item] of items.entries()) {
    if (!Number.isInteger(item?.quantity) || item.quantity < 1) {
      return `items[${index}].quantity must be a whole number of at least 1; got ${JSON.stringify(item?.quantity)}.`;
    }
    if (!menu.some((dish) => dish.id === item.menuItemId)) {
      return `items[${index}].menuItemId ${JSON.stringify(item?.menuItemId)} is not on the menu.`;
    }
  }
  return undefined;
}

app.post('/orders', (req, res) => {
  const items = req.body?.items;
  const problem = findProblem(items);
  if (problem) {
    return res.status(400).json({ error: problem });
  }

  let total = 0;
  for (const item of items) {
    total += menu.find((dish) => dish.id === item.menuItemId).price * item.quantity;
  }

  const order = {
    id: nextOrderId++,
    items: items.map(({ menuItemId, quantity }) => ({ menuItemId, quantity })),
    total,
    status: 'received',
  };
  orders.push(order);

  res.status(201).location(`/orders/${order.id}`).json(order);
});

app.get('/orders/:id', (req, res) => {
  const order = orders.find((candidate) => candidate.id === Number(req.params.id));
  if (!order) {
    return res.status(404).json({ error: `There is no order with id ${req.params.id}.` });
  }
  res.json(order);
});

// Error-handling middleware has four parameters; Express sends it the errors other steps raise.
// express.json() raises one with type 'entity.parse.failed' when the body is not valid JSON.
app.use((err, req, res, next) => {
  if (err.type === 'entity.parse.failed') {
    return res.status(400).json({ error: 'The request body is not valid JSON.' });
  }
  next(err);
});

export default app;
