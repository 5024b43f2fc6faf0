package io.sluice.connectors.nexmark;

import java.util.SplittableRandom;

/**
 * The id spaces of the Nexmark model, as functions of the global event number: which person and
 * auction ids exist when event {@code n} happens, and how bids and auctions pick the people and
 * auctions they refer to. Ids are "base 0" here; the tables add {@link #FIRST_PERSON_ID} and
 * {@link #FIRST_AUCTION_ID}.
 */
final class NexmarkIds {
    /** The first ids are not 0, so that small runs still match the queries' constants. */
    static final long FIRST_PERSON_ID = 1000;
    static final long FIRST_AUCTION_ID = 1000;
    static final long FIRST_CATEGORY_ID = 10;
    static final int NUM_CATEGORIES = 5;

    /** People that bids and auctions choose from: the most recent ones. */
    static final int NUM_ACTIVE_PEOPLE = 1000;
    /** Auctions that bids choose from: the most recent ones. */
    static final int NUM_IN_FLIGHT_AUCTIONS = 100;
    /** How far past the newest id a reference may point (an event "from the future", as in Nexmark). */
    static final int PERSON_ID_LEAD = 10;
    static final int AUCTION_ID_LEAD = 10;

    /** One in {@code HOT_*_RATIO} of the people or auctions is hot: the first of each batch of 100. */
    static final int HOT_BATCH = 100;
    /** A bid is for the hot auction with probability 1 - 1/2. */
    static final int HOT_AUCTION_RATIO = 2;
    /** An auction is by the hot seller with probability 1 - 1/4. */
    static final int HOT_SELLER_RATIO = 4;
    /** A bid is by the hot bidder with probability 1 - 1/4. */
    static final int HOT_BIDDER_RATIO = 4;

    private NexmarkIds() {
    }

    /** The newest person id at event {@code n} (the person's own id when {@code n} is a person). */
    static long lastPerson(long n) {
        long epoch = n / NexmarkTable.EPOCH;
        return epoch * NexmarkTable.PERSON.proportion();
    }

    /** The newest auction id at event {@code n} (the auction's own id when {@code n} is an auction). */
    static long lastAuction(long n) {
        long epoch = n / NexmarkTable.EPOCH;
        int position = (int) (n % NexmarkTable.EPOCH);
        int auctions = NexmarkTable.AUCTION.proportion();
        if (position == 0) {
            return epoch * auctions - 1; // a person starts the epoch: the previous epoch's last auction
        }
        return epoch * auctions + Math.min(position - 1, auctions - 1);
    }

    /** A random person among the active ones, or a few ids ahead of the newest. */
    static long randomPerson(long n, SplittableRandom random) {
        long people = lastPerson(n) + 1;
        long active = Math.min(people, NUM_ACTIVE_PEOPLE);
        return people - active + random.nextLong(active + PERSON_ID_LEAD);
    }

    /** A random auction among those likely still in flight, or a few ids ahead of the newest. */
    static long randomAuction(long n, SplittableRandom random) {
        long newest = lastAuction(n);
        long oldest = Math.max(newest - NUM_IN_FLIGHT_AUCTIONS, 0);
        return oldest + random.nextLong(newest - oldest + 1 + AUCTION_ID_LEAD);
    }

    static long hotSeller(long n) {
        return lastPerson(n) / HOT_BATCH * HOT_BATCH;
    }

    /** The second person of the batch, so that hot bidders and hot sellers differ. */
    static long hotBidder(long n) {
        return lastPerson(n) / HOT_BATCH * HOT_BATCH + 1;
    }

    static long hotAuction(long n) {
        return lastAuction(n) / HOT_BATCH * HOT_BATCH;
    }
}
