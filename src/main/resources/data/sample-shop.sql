-- Cachet's sample database: a small coffee and tea shop, built by Cachet into DATA_DIR/sample-shop.db
-- the first time the data route needs it (data.url: sample). Deterministic: every build has the same rows.
CREATE TABLE categories (
  category_id INTEGER PRIMARY KEY,
  name        TEXT NOT NULL
);
INSERT INTO categories VALUES (1, 'Coffee'), (2, 'Tea'), (3, 'Equipment'), (4, 'Books'), (5, 'Snacks');

CREATE TABLE products (
  product_id  INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  category_id INTEGER NOT NULL REFERENCES categories(category_id),
  unit_price  REAL NOT NULL,
  stock       INTEGER NOT NULL
);
INSERT INTO products VALUES
  (1, 'Ethiopia Yirgacheffe 250g', 1, 12.50, 40),
  (2, 'Colombia Huila 250g', 1, 11.00, 55),
  (3, 'Espresso Blend 1kg', 1, 34.00, 20),
  (4, 'Decaf Swiss Water 250g', 1, 12.00, 15),
  (5, 'Sencha 100g', 2, 9.50, 30),
  (6, 'Earl Grey 100g', 2, 7.80, 45),
  (7, 'Rooibos 100g', 2, 6.90, 25),
  (8, 'Matcha Ceremonial 30g', 2, 24.00, 10),
  (9, 'Pour-over Dripper', 3, 22.00, 18),
  (10, 'Burr Grinder', 3, 189.00, 6),
  (11, 'Gooseneck Kettle', 3, 64.00, 9),
  (12, 'Espresso Machine', 3, 649.00, 3),
  (13, 'The World Atlas of Coffee', 4, 29.95, 12),
  (14, 'The Tea Book', 4, 19.90, 8),
  (15, 'Almond Biscotti', 5, 4.50, 60),
  (16, 'Dark Chocolate 70%', 5, 3.80, 80);

CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  city        TEXT NOT NULL,
  country     TEXT NOT NULL,
  signup_date TEXT NOT NULL
);
INSERT INTO customers VALUES
  (1, 'Lucía Fernández', 'Madrid', 'Spain', '2023-02-11'),
  (2, 'Martin Weber', 'Berlin', 'Germany', '2023-03-02'),
  (3, 'Ana Sousa', 'Lisbon', 'Portugal', '2023-03-19'),
  (4, 'Hugo Martin', 'Paris', 'France', '2023-04-07'),
  (5, 'Sofía Ruiz', 'Madrid', 'Spain', '2023-04-23'),
  (6, 'Jonas Becker', 'Munich', 'Germany', '2023-05-14'),
  (7, 'Inês Costa', 'Porto', 'Portugal', '2023-06-01'),
  (8, 'Camille Dubois', 'Lyon', 'France', '2023-06-18'),
  (9, 'Pablo Gómez', 'Barcelona', 'Spain', '2023-07-05'),
  (10, 'Lena Fischer', 'Berlin', 'Germany', '2023-07-30'),
  (11, 'Tiago Lopes', 'Lisbon', 'Portugal', '2023-08-16'),
  (12, 'Léa Moreau', 'Paris', 'France', '2023-09-03'),
  (13, 'Carmen Díaz', 'Madrid', 'Spain', '2023-09-21'),
  (14, 'Felix Wagner', 'Hamburg', 'Germany', '2023-10-09'),
  (15, 'Marta Pereira', 'Porto', 'Portugal', '2023-10-27'),
  (16, 'Louis Bernard', 'Paris', 'France', '2023-11-12'),
  (17, 'Javier Torres', 'Valencia', 'Spain', '2023-12-01'),
  (18, 'Mia Schulz', 'Munich', 'Germany', '2024-01-08'),
  (19, 'Rita Almeida', 'Lisbon', 'Portugal', '2024-01-25'),
  (20, 'Chloé Laurent', 'Lyon', 'France', '2024-02-14'),
  (21, 'Diego Navarro', 'Barcelona', 'Spain', '2024-03-03'),
  (22, 'Emma Hoffmann', 'Berlin', 'Germany', '2024-03-22'),
  (23, 'João Ribeiro', 'Porto', 'Portugal', '2024-04-10'),
  (24, 'Manon Petit', 'Paris', 'France', '2024-05-01');

CREATE TABLE orders (
  order_id    INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(customer_id),
  order_date  TEXT NOT NULL,
  status      TEXT NOT NULL
);
-- 180 orders spread over 2024, derived from the order number.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 180)
INSERT INTO orders (order_id, customer_id, order_date, status)
SELECT i,
       1 + (i * 7) % 24,
       date('2024-01-01', '+' || ((i * 37) % 366) || ' days'),
       CASE WHEN i % 17 = 0 THEN 'cancelled'
            WHEN i % 11 = 0 THEN 'returned'
            WHEN (i * 37) % 366 > 340 THEN 'processing'
            ELSE 'shipped' END
FROM n;

CREATE TABLE order_items (
  order_id   INTEGER NOT NULL REFERENCES orders(order_id),
  product_id INTEGER NOT NULL REFERENCES products(product_id),
  quantity   INTEGER NOT NULL,
  unit_price REAL NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
-- One to three lines an order, at the product's price.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 180),
     k(j) AS (VALUES (0), (1), (2))
INSERT INTO order_items (order_id, product_id, quantity, unit_price)
SELECT n.i, p.product_id, 1 + (n.i + k.j) % 3, p.unit_price
FROM n JOIN k ON k.j < 1 + n.i % 3
JOIN products p ON p.product_id = 1 + (n.i * 5 + k.j * 7) % 16;
