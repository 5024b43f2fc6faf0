-- Nexmark q22 (URL directories) over JSON-lines bids: benchmarks/scripts/hot-path.sh replaces ${DATA}.
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

CREATE TABLE sink (auction BIGINT, bidder BIGINT, price BIGINT, channel STRING, dir1 STRING, dir2 STRING, dir3 STRING)
WITH ('connector' = 'blackhole');

INSERT INTO sink
SELECT auction, bidder, price, channel,
  SPLIT_INDEX(url, '/', 3), SPLIT_INDEX(url, '/', 4), SPLIT_INDEX(url, '/', 5)
FROM bid;
