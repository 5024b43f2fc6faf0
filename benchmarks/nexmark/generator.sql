-- Not a Nexmark query: the generator alone. Every event of the sequence (all three tables, all
-- columns) into blackholes, to check that the source is not what limits the queries.
CREATE TABLE person_sink (
  id BIGINT, name VARCHAR, emailAddress VARCHAR, creditCard VARCHAR, city VARCHAR, state VARCHAR,
  dateTime TIMESTAMP(3), extra VARCHAR
) WITH ('connector' = 'blackhole');

CREATE TABLE auction_sink (
  id BIGINT, itemName VARCHAR, description VARCHAR, initialBid BIGINT, reserve BIGINT,
  dateTime TIMESTAMP(3), expires TIMESTAMP(3), seller BIGINT, category BIGINT, extra VARCHAR
) WITH ('connector' = 'blackhole');

CREATE TABLE bid_sink (
  auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, dateTime TIMESTAMP(3),
  extra VARCHAR
) WITH ('connector' = 'blackhole');

EXECUTE STATEMENT SET BEGIN
INSERT INTO person_sink SELECT * FROM person;
INSERT INTO auction_sink SELECT * FROM auction;
INSERT INTO bid_sink SELECT * FROM bid;
END;
