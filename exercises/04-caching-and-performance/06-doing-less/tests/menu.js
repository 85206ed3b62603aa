// The menu app.js makes on its first start, made the same way here, so the checks can compare each
// answer with the dishes it should hold.

/** The fields of a dish, in the order app.js selects them. */
export const FIELDS = ['id', 'name', 'category', 'price', 'calories', 'description'];

/** All 240 dishes, by id. */
export const DISHES = (() => {
  const ways = ['Roast', 'Grilled', 'Braised', 'Smoked', 'Crispy', 'Slow-cooked', 'Pan-fried', 'Baked', 'Steamed', 'Spiced'];
  const foods = ['chicken', 'salmon', 'aubergine', 'lamb', 'tofu', 'mushroom', 'cod', 'duck', 'pumpkin', 'beef', 'halloumi', 'prawn'];
  const kinds = [
    ['salad', 'starter'],
    ['stew', 'main'],
  ];
  const dishes = [];
  for (const [kind, category] of kinds) {
    for (const way of ways) {
      for (const food of foods) {
        const id = dishes.length + 1;
        const name = `${way} ${food} ${kind}`;
        dishes.push({
          id,
          name,
          category,
          price: 5 + ((id * 7) % 20),
          calories: 250 + ((id * 37) % 600),
          description: `${name}, made fresh every morning with seasonal vegetables, herbs from our garden and a sauce the kitchen is rather proud of.`,
        });
      }
    }
  }
  return dishes;
})();

/** The dish with only these fields. */
export function pick(dish, fields) {
  return Object.fromEntries(fields.map((field) => [field, dish[field]]));
}

/** "ids 1 to 20" / "ids 3" / "no dishes" for a list of ids, runs written as ranges. */
export function describeIds(ids) {
  if (!Array.isArray(ids)) return JSON.stringify(ids) ?? 'no JSON body';
  if (ids.length === 0) return 'no dishes ([])';
  const runs = [];
  for (const id of ids) {
    const last = runs.at(-1);
    if (last && typeof id === 'number' && id === last[1] + 1) last[1] = id;
    else runs.push([id, id]);
  }
  const words = runs.map(([a, b]) => (a === b ? String(a) : `${a} to ${b}`)).join(', ');
  return `${ids.length} dish${ids.length === 1 ? '' : 'es'} (id ${words})`;
}
