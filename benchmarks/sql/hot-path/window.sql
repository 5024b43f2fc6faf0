-- The aggregate of Nexmark q7 per auction (TUMBLE 10 s, COUNT and MAX) over JSON-lines bids: benchmarks/scripts/hot-path.sh replaces ${DATA}.
SET 'parallelism.default' = '2';

CREATE TABLE bid (
  auction   BIGINT,
  bidder    BIGINT,
  price     BIGINT,
  channel   STRING,
  url       STRING,
  dateTime  TIMESTAMP(3),
  extra     STRING,
  WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
) WITH ('connector' = 'filesystem', 'path' = '${DATA}', 'format' = 'json');

CREATE TABLE sink (auction BIGINT, window_start TIMESTAMP(3), window_end TIMESTAMP(3), bids BIGINT, maxprice BIGINT)
WITH ('connector' = 'blackhole');

INSERT INTO sink
SELECT auction, window_start, window_end, COUNT(*), MAX(price)
FROM TABLE(TUMBLE(TABLE bid, DESCRIPTOR(dateTime), INTERVAL '10' SECOND))
GROUP BY auction, window_start, window_end;
