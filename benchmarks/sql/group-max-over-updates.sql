-- MIN and MAX over an updating input: a GROUP BY over a GROUP BY. The inner query sums the prices
-- of each of 10,000 auctions, so every bid updates one sum (-U old, +U new); the outer one takes the
-- highest and lowest sum in each of 10 buckets of 1,000 auctions, so each outer group holds about
-- 1,000 distinct values and every bid retracts one and adds one. 100,000 bids into blackhole.
-- Run: bin/sluice -f benchmarks/sql/group-max-over-updates.sql (or benchmarks/scripts/group-aggregate.sh)
SET 'parallelism.default' = '2';

CREATE TABLE bids (
  id       BIGINT,
  auction  BIGINT,
  price    BIGINT
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '1000000000',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '100000',
  'fields.auction.min' = '1', 'fields.auction.max' = '10000',
  'fields.price.min' = '1', 'fields.price.max' = '1000',
  'seed' = '1'
);

CREATE TABLE sink_blackhole (bucket BIGINT, highest BIGINT, lowest BIGINT) WITH ('connector' = 'blackhole');

INSERT INTO sink_blackhole
SELECT MOD(auction, 10), MAX(total), MIN(total)
FROM (SELECT auction, SUM(price) AS total FROM bids GROUP BY auction)
GROUP BY MOD(auction, 10);
