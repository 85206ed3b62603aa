import express from 'express';

const app = express();

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

const orders = [];
let nextOrderId = 1;

// The payment service's base address, like "http://127.0.0.1:4010" (no "/" at the end). It comes from
// the environment variable PAYMENT_URL. Call this function when you need the address, not once at the
// top of the file: the tests start a fake payment service at a new address for each test.
// When you press Run there is no payment service, so every order ends up "payment_failed": that is
// your app handling a service that is down.
function paymentServiceUrl() {
  return process.env.PAYMENT_URL;
}

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

/** Checks and stores a new order with the status "received"; returns it, or a sentence saying what is wrong. */
function takeOrder(body) {
  const items = body?.items;
  const problem = findProblem(items);
  if (problem) {
    return { problem };
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
  return { order };
}

/**
 * Asks the payment service to charge an order and returns the order's new status. Any way the call
 * can go wrong (refused connection, a 5xx, no answer within 2 s) ends as "payment_failed", so a broken
 * payment service never leaves a request hanging or crashes the app.
 */
async function chargePayment(order) {
  try {
    const response = await fetch(`${paymentServiceUrl()}/payments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ orderId: order.id, amount: order.total }),
      signal: AbortSignal.timeout(2000),
    });
    if (response.ok) return 'paid';
    if (response.status === 402) return 'payment_declined';
    console.error(`Payment for order ${order.id} failed: the payment service answered ${response.status}.`);
    return 'payment_failed';
  } catch (error) {
    console.error(`Payment for order ${order.id} failed: ${error.message}`);
    return 'payment_failed';
  }
}

app.post('/orders', async (req, res) => {
  const { order, problem } = takeOrder(req.body);
  if (problem) {
    return res.status(400).json({ error: problem });
  }

  order.status = await chargePayment(order);

  if (order.status === 'paid') {
    return res.status(201).location(`/orders/${order.id}`).json(order);
  }
  if (order.status === 'payment_declined') {
    return res.status(402).json({ error: 'The payment was declined.', order });
  }
  res.status(502).json({ error: 'The payment service is not working; the order was not paid.', order });
});

app.get('/orders/:id', (req, res) => {
  const order = orders.find((candidate) => candidate.id === Number(req.params.id));
  if (!order) {
    return res.status(404).json({ error: `There is no order with id ${req.params.id}.` });
  }
  res.json(order);
});

app.use((err, req, res, next) => {
  if (err.type === 'entity.parse.failed') {
    return res.status(400).json({ error: 'The request body is not valid JSON.' });
  }
  next(err);
});

export default app;
