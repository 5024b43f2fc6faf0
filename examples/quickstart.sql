-- Sluice quickstart: generated orders, counted and summed per product in one-minute windows of
-- event time. Runs for about ten seconds on a laptop, then every window has fired and it ends.
--
--   bin/sluice -f examples/quickstart.sql

SET 'parallelism.default' = '2';

-- 200,000 orders, 100 per second of event time; event time is computed from the order id, so the
-- results are the same on every run. The watermark lets orders arrive up to 2 seconds late.
CREATE TABLE orders (
  order_id   BIGINT,
  product    INT,
  amount     DECIMAL(10, 2),
  order_time AS TO_TIMESTAMP_LTZ(1700000000000 + order_id * 10, 3),
  WATERMARK FOR order_time AS order_time - INTERVAL '2' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '20000',
  'fields.order_id.kind' = 'sequence',
  'fields.order_id.start' = '1',
  'fields.order_id.end' = '200000',
  'fields.product.min' = '1',
  'fields.product.max' = '5',
  'fields.amount.min' = '1',
  'fields.amount.max' = '100',
  'seed' = '42'
);

-- Results are printed as Flink's print connector prints them: revenue:N> +I[...]
CREATE TABLE product_revenue (
  window_start TIMESTAMP(3),
  window_end   TIMESTAMP(3),
  product      INT,
  orders       BIGINT,
  revenue      DECIMAL(38, 2),
  biggest      DECIMAL(10, 2)
) WITH (
  'connector' = 'print',
  'print-identifier' = 'revenue'
);

INSERT INTO product_revenue
SELECT window_start, window_end, product, COUNT(*), SUM(amount), MAX(amount)
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, product;
