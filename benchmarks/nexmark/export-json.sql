-- Writes the generator's tables (declared by ddl/sluice-generator.sql, which the runner puts first)
-- as JSON-lines files under ${NEXMARK_DIR}: one directory per table, one file per sink subtask.
-- Run it at the parallelism of the benchmark that reads the files: each reading subtask then gets
-- one file, in event-time order, and no row is late. Timestamps are written as
-- 'yyyy-MM-dd HH:mm:ss.SSS', which Flink's json format reads by default.

CREATE TABLE person_json (
  id BIGINT,
  name VARCHAR,
  emailAddress VARCHAR,
  creditCard VARCHAR,
  city VARCHAR,
  state VARCHAR,
  dateTime TIMESTAMP(3),
  extra VARCHAR
) WITH (
  'connector' = 'filesystem',
  'path' = '${NEXMARK_DIR}/person',
  'format' = 'json',
  'sink.rolling-policy.file-size' = '1000 GB',
  'sink.rolling-policy.rollover-interval' = '1000 d'
);

CREATE TABLE auction_json (
  id BIGINT,
  itemName VARCHAR,
  description VARCHAR,
  initialBid BIGINT,
  reserve BIGINT,
  dateTime TIMESTAMP(3),
  expires TIMESTAMP(3),
  seller BIGINT,
  category BIGINT,
  extra VARCHAR
) WITH (
  'connector' = 'filesystem',
  'path' = '${NEXMARK_DIR}/auction',
  'format' = 'json',
  'sink.rolling-policy.file-size' = '1000 GB',
  'sink.rolling-policy.rollover-interval' = '1000 d'
);

CREATE TABLE bid_json (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  channel VARCHAR,
  url VARCHAR,
  dateTime TIMESTAMP(3),
  extra VARCHAR
) WITH (
  'connector' = 'filesystem',
  'path' = '${NEXMARK_DIR}/bid',
  'format' = 'json',
  'sink.rolling-policy.file-size' = '1000 GB',
  'sink.rolling-policy.rollover-interval' = '1000 d'
);

EXECUTE STATEMENT SET BEGIN
INSERT INTO person_json SELECT * FROM person;
INSERT INTO auction_json SELECT * FROM auction;
INSERT INTO bid_json SELECT * FROM bid;
END;
