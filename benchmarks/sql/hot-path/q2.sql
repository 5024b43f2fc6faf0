-- Nexmark q2 (selection) over JSON-lines bids: benchmarks/scripts/hot-path.sh replaces ${DATA}.
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

CREATE TABLE sink (auction BIGINT, price BIGINT) WITH ('connector' = 'blackhole');

INSERT INTO sink SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0;
