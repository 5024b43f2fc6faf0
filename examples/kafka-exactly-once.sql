-- Kafka in, Kafka out, exactly once. Start a local broker first, in another terminal:
--
--   bin/sluice kafka-broker --dir /tmp/sluice-kafka          (listens on localhost:9092)
--
-- then run this file with a state directory, so that it checkpoints and can resume:
--
--   bin/sluice --state-dir /tmp/sluice-state -f examples/kafka-exactly-once.sql
--
-- Two jobs run: one generates 300,000 orders into the topic 'orders'; the other reads 'orders',
-- sums them per product in one-minute event-time windows and writes each window, exactly once, to
-- the topic 'revenue', and the running total per product to the compacted topic 'product_totals'.
-- Kill it at any moment (Ctrl-C, or kill -9) and run the same command again: it resumes from its
-- last checkpoint, and the topics read with read_committed hold every result exactly once.

SET 'execution.checkpointing.interval' = '1 s';

CREATE TABLE generated_orders (
  order_id   BIGINT,
  product    INT,
  amount     DECIMAL(10, 2)
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '10000',
  'fields.order_id.kind' = 'sequence',
  'fields.order_id.start' = '1',
  'fields.order_id.end' = '300000',
  'fields.product.min' = '1',
  'fields.product.max' = '5',
  'fields.amount.min' = '1',
  'fields.amount.max' = '100',
  'seed' = '42'
);

-- the topic of orders, as written…
CREATE TABLE orders_topic (
  order_id   BIGINT,
  product    INT,
  amount     DECIMAL(10, 2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'sink.delivery-guarantee' = 'exactly-once'
);

-- … and as read: event time is computed from the order id, 100 orders per second
CREATE TABLE orders (
  order_id   BIGINT,
  product    INT,
  amount     DECIMAL(10, 2),
  order_time AS TO_TIMESTAMP_LTZ(1700000000000 + order_id * 10, 3),
  WATERMARK FOR order_time AS order_time - INTERVAL '2' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'orders',
  'properties.bootstrap.servers' = 'localhost:9092',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);

CREATE TABLE revenue (
  window_start TIMESTAMP(3),
  product      INT,
  orders       BIGINT,
  revenue      DECIMAL(38, 2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'revenue',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'json',
  'sink.delivery-guarantee' = 'exactly-once'
);

CREATE TABLE product_totals (
  product  INT,
  orders   BIGINT,
  revenue  DECIMAL(38, 2),
  PRIMARY KEY (product) NOT ENFORCED
) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 'product_totals',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'json',
  'value.format' = 'json',
  'sink.delivery-guarantee' = 'exactly-once'
);

-- one writer, so the topic holds the orders in order (two would interleave their id ranges, and the
-- later range would make the earlier one late); the reading side runs in parallel
SET 'parallelism.default' = '1';
INSERT INTO orders_topic SELECT order_id, product, amount FROM generated_orders;
SET 'parallelism.default' = '2';

EXECUTE STATEMENT SET BEGIN
INSERT INTO revenue
SELECT window_start, product, COUNT(*), SUM(amount)
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(order_time), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, product;

INSERT INTO product_totals
SELECT product, COUNT(*), SUM(amount) FROM orders GROUP BY product;
END;
