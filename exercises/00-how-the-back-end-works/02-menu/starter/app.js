import express from 'express';

const app = express();

// The restaurant's menu. It is given: don't change it, the tests expect exactly these dishes.
// Prices are in euros.
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

// TODO (task 1): answer GET /menu with the whole menu as JSON.
// TODO (task 3): in the same route, keep only the dishes that match ?maxPrice= and ?category=.
// TODO (task 4): answer 400 with { "error": "..." } when maxPrice is not a number.

// TODO (task 2): answer GET /menu/:id with one dish, or 404 with { "error": "..." }.

export default app;
