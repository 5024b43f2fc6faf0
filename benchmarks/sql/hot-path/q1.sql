-- Nexmark q1 (currency conversion) over JSON-lines bids: benchmarks/scripts/hot-path.sh replaces ${DATA}.
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

CREATE TABLE sink (auction BIGINT, bidder BIGINT, price DECIMAL(23, 3), dateTime TIMESTAMP(3), extra STRING)
WITH ('connector' = 'blackhole');

INSERT INTO sink SELECT auction, bidder, 0.908 * price, dateTime, extra FROM bid;
