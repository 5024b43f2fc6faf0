-- Throughput of one keyed TUMBLE aggregation: 10 million generated bids, 10,000 auctions,
-- 1-second windows of event time, into blackhole. Run: bin/sluice -f benchmarks/sql/window-aggregation.sql
SET 'parallelism.default' = '2';

CREATE TABLE bids (
  id       BIGINT,
  auction  BIGINT,
  price    BIGINT,
  ts       AS TO_TIMESTAMP_LTZ(id, 3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '1000000000',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '10000000',
  'fields.auction.min' = '1', 'fields.auction.max' = '10000',
  'fields.price.min' = '1', 'fields.price.max' = '1000',
  'seed' = '1'
);

CREATE TABLE sink_blackhole (auction BIGINT, window_start TIMESTAMP(3), bids BIGINT, total BIGINT, highest BIGINT)
WITH ('connector' = 'blackhole');

INSERT INTO sink_blackhole
SELECT auction, window_start, COUNT(*), SUM(price), MAX(price)
FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(ts), INTERVAL '1' SECOND))
GROUP BY auction, window_start, window_end;
