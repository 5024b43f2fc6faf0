-- Nexmark q2: selection. The bids of every 123rd auction (the original's five fixed auction ids
-- would match a few hundred rows only).
CREATE TABLE nexmark_q2 (
  auction BIGINT,
  price BIGINT
) WITH ('connector' = 'blackhole');

INSERT INTO nexmark_q2
SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0;
