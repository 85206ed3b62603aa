-- The starter's schema: RETURNING in a comment is fine.
CREATE TABLE dishes (id INTEGER PRIMARY KEY, name TEXT);
SELECT d.name FROM dishes d RIGHT JOIN dishes e ON e.id = d.id;
