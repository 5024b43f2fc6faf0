-- Nexmark q10: log to a file system. Every bid with its day and minute as partition values. The
-- reference writes partitioned CSV files; here the rows go to a blackhole, so that the query measures
-- the computation (DATE_FORMAT per row), not the disk.
CREATE TABLE nexmark_q10 (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  dateTime TIMESTAMP(3),
  extra VARCHAR,
  dt STRING,
  hm STRING
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q10
SELECT auction, bidder, price, dateTime, extra,
  DATE_FORMAT(dateTime, 'yyyy-MM-dd'), DATE_FORMAT(dateTime, 'HH:mm')
FROM bid;
