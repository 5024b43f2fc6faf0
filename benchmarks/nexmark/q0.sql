-- Nexmark q0: pass-through. Reads every bid and writes it unchanged: the cost of the source, the
-- sink and the engine's per-row overhead.
CREATE TABLE nexmark_q0 (
  auction BIGINT,
  bidder BIGINT,
  price BIGINT,
  dateTime TIMESTAMP(3),
  extra VARCHAR
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q0
SELECT auction, bidder, price, dateTime, extra FROM bid;
