// What every task's tests share: the rows app.js seeds (the menu, the staff and their passwords) and
// the secrets an attack must never bring out. Task 4's attacks, the only ones that can write, have a
// test file (and so a database file) of their own: a table they drop cannot fail another task.
import { findLeaks, listInWords, statusMeaning } from '../grading/injection.js';

/** The dishes on the menu, as GET /dishes answers them (by name). */
export const MENU = [
  { id: 2, name: 'Garlic bread', category: 'starter', price: 4 },
  { id: 6, name: 'Lemon tart', category: 'dessert', price: 7 },
  { id: 5, name: 'Lamb stew', category: 'main', price: 17 },
  { id: 3, name: 'Mushroom risotto', category: 'main', price: 14 },
  { id: 4, name: "O'Brien's Irish stew", category: 'main', price: 15 },
  { id: 1, name: 'Tomato soup', category: 'starter', price: 6 },
].sort((a, b) => (a.name < b.name ? -1 : 1));

/** The dishes that are in the table but not on the menu. */
export const OFF_MENU = [
  { id: 7, name: 'Staff meal: leftover risotto' },
  { id: 8, name: 'Truffle tasting menu' },
];

/** The seeded staff, with the passwords the instructions give and the hashes app.js stores. */
export const STAFF = [
  { username: 'marta', password: 'tomato-basil-42', role: 'owner', hash: '$2b$10$DyqEpjDz8yQCF3teMKpE2uJ3JzUGx/xJzoAWo8KkoICEHkAZw53D6' },
  { username: 'chef', password: 'saffron-risotto-7', role: 'cook', hash: '$2b$10$rxjKOpv/dbqx9PzY1s11p.1Y6A/C0TyHcefWH9ShEc5v8qVJrCHD2' },
  { username: "o'brien", password: 'irish-stew-1987', role: 'waiter', hash: '$2b$10$aRcRfz6uitYVLPK2vo45F.5y7YNhcXNrkrgJwGxnBESehg4Uhghyy' },
];

/** What no answer of this app may show an attacker, in words → the text to look for. */
export const SECRETS = {
  ...Object.fromEntries(OFF_MENU.map((dish) => [`"${dish.name}", a dish that is not on the menu`, dish.name])),
  ...Object.fromEntries(STAFF.map((member) => [`the password hash of ${member.username} from the staff table`, member.hash])),
};

/** The secrets in a response, in words ('' when there are none). */
export function leaksIn(res) {
  return listInWords(findLeaks(res.text, SECRETS));
}

/** " It shows …." when the response leaks secrets, and what a 500 means: added to a failure message. */
export function whatCameBack(res) {
  const leaks = leaksIn(res);
  const parts = [];
  if (leaks) parts.push(`Your app's answer shows ${leaks}.`);
  const meaning = statusMeaning(res.status);
  if (meaning) parts.push(meaning);
  return parts.length === 0 ? '' : ` ${parts.join(' ')}`;
}

/** "[Lamb stew, O'Brien's Irish stew]" for a list of dishes (anything else as JSON). */
export function dishNames(list) {
  if (!Array.isArray(list)) return JSON.stringify(list) ?? 'no JSON body';
  return `[${list.map((dish) => (typeof dish?.name === 'string' ? dish.name : JSON.stringify(dish))).join(', ')}]`;
}

/** A path segment for a value that is not a plain id: spaces and the like percent-encoded. */
export function segment(value) {
  return encodeURIComponent(value);
}
