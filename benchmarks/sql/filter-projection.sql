-- Throughput of a stateless filter and projection (Nexmark q1/q2 shape): 20 million generated bids
-- into blackhole. Run: bin/sluice -f benchmarks/sql/filter-projection.sql
SET 'parallelism.default' = '2';

CREATE TABLE bids (
  id       BIGINT,
  auction  BIGINT,
  price    BIGINT,
  channel  STRING
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '1000000000',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '20000000',
  'fields.auction.min' = '1', 'fields.auction.max' = '10000',
  'fields.price.min' = '1', 'fields.price.max' = '1000',
  'fields.channel.length' = '8',
  'seed' = '1'
);

CREATE TABLE sink_blackhole (auction BIGINT, euro DECIMAL(23, 3), channel STRING) WITH ('connector' = 'blackhole');

INSERT INTO sink_blackhole
SELECT auction, price * 0.908, UPPER(channel) FROM bids WHERE MOD(auction, 123) <> 0;
