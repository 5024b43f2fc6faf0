-- A plain GROUP BY over an insert-only input: 2,000,000 bids over 5,000 auctions (about 400 bids
-- per key), COUNT, SUM and MAX per auction, into blackhole. Without mini-batch every bid reads and
-- writes its group's state and emits -U/+U; with it (table.exec.mini-batch.*) each key does so once
-- per batch. Run: benchmarks/scripts/group-aggregate.sh benchmarks/sql/group-sum-datagen.sql [SET lines]
SET 'parallelism.default' = '2';

CREATE TABLE bids (
  id       BIGINT,
  auction  BIGINT,
  price    BIGINT
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '1000000000',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '2000000',
  'fields.auction.min' = '1', 'fields.auction.max' = '5000',
  'fields.price.min' = '1', 'fields.price.max' = '1000',
  'seed' = '1'
);

CREATE TABLE sink_blackhole (auction BIGINT, bids BIGINT, total BIGINT, highest BIGINT) WITH ('connector' = 'blackhole');

INSERT INTO sink_blackhole
SELECT auction, COUNT(*), SUM(price), MAX(price)
FROM bids
GROUP BY auction;
