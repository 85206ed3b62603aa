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

// A filter left blank (`?maxPrice=`, nothing after the =, or only spaces) means the client did not
// ask for it: that is what a search form sends when a box is left empty.
function isBlank(value) {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

app.get('/menu', (req, res) => {
  const { maxPrice, category } = req.query;
  let dishes = menu;

  if (!isBlank(maxPrice)) {
    // Checked for blanks first: Number('') is 0, which would keep only the dishes that cost nothing.
    const limit = Number(maxPrice);
    if (Number.isNaN(limit)) {
      return res.status(400).json({ error: `maxPrice must be a number, like 10 or 7.5; got "${maxPrice}".` });
    }
    dishes = dishes.filter((dish) => dish.price <= limit);
  }

  if (!isBlank(category)) {
    dishes = dishes.filter((dish) => dish.category === category);
  }

  res.json(dishes);
});

app.get('/menu/:id', (req, res) => {
  // Route params are always strings, and the ids in the menu are numbers.
  const dish = menu.find((item) => item.id === Number(req.params.id));
  if (!dish) {
    return res.status(404).json({ error: `There is no dish with id ${req.params.id} on the menu.` });
  }
  res.json(dish);
});

export default app;
