package io.sluice.connectors.nexmark;

import java.util.SplittableRandom;

/**
 * Makes event {@code n} of the global Nexmark sequence as a row of its table's standard columns (see
 * {@link NexmarkTable}). Every value is a pure function of the seed and {@code n}: the random values
 * come from a generator seeded with both, and the event time is {@code baseTime + n / rate}. So any
 * subtask can make any event, and a restored reader makes the same events again.
 *
 * <p>Not thread-safe (it caches channel URLs); one per reader.
 */
final class NexmarkGenerator {
    static final int AVG_PERSON_BYTES = 200;
    static final int AVG_AUCTION_BYTES = 500;
    static final int AVG_BID_BYTES = 100;

    /** One bid in {@code HOT_CHANNEL_RATIO} is from a non-hot channel. */
    private static final int HOT_CHANNEL_RATIO = 2;
    private static final int NUM_CHANNELS = 10_000;
    private static final String[] HOT_CHANNELS = {"Google", "Facebook", "Baidu", "Apple"};

    private static final String[] US_STATES = {"AZ", "CA", "ID", "OR", "WA", "WY"};
    private static final String[] US_CITIES = {"Phoenix", "Los Angeles", "San Francisco", "Boise", "Portland",
            "Bend", "Redmond", "Seattle", "Kent", "Cheyenne"};
    private static final String[] FIRST_NAMES = {"Peter", "Paul", "Luke", "John", "Saul", "Vicky", "Kate", "Julie",
            "Sarah", "Deiter", "Walter"};
    private static final String[] LAST_NAMES = {"Shultz", "Abrams", "Spencer", "White", "Bartels", "Walton", "Smith",
            "Jones", "Noris"};

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** Salts that give the channel URLs random streams apart from the events'. */
    private static final long HOT_URL_SALT = 0x4E45584D41524B31L;
    private static final long CHANNEL_URL_SALT = 0x4E45584D41524B32L;

    private final long seed;
    private final long baseTime;
    /** Event time between two consecutive events of the global sequence, in microseconds. */
    private final double interEventMicros;
    /** Events it takes until {@link NexmarkIds#NUM_IN_FLIGHT_AUCTIONS} more auctions exist. */
    private final long eventsPerInFlightAuctions;
    private final String[] hotUrls = new String[HOT_CHANNELS.length];
    private final String[] channelUrls = new String[NUM_CHANNELS];

    NexmarkGenerator(long seed, long baseTime, double eventsPerSecond) {
        this.seed = seed;
        this.baseTime = baseTime;
        this.interEventMicros = 1_000_000.0 / eventsPerSecond;
        this.eventsPerInFlightAuctions = (long) NexmarkIds.NUM_IN_FLIGHT_AUCTIONS * NexmarkTable.EPOCH
                / NexmarkTable.AUCTION.proportion();
        SplittableRandom hot = new SplittableRandom(mix64(seed ^ HOT_URL_SALT));
        for (int i = 0; i < hotUrls.length; i++) {
            hotUrls[i] = baseUrl(hot);
        }
    }

    /** Event time of event {@code n}, epoch milliseconds. */
    long timestamp(long n) {
        return baseTime + (long) (n * interEventMicros) / 1000;
    }

    /** The row of event {@code n}, which must belong to {@code table}. */
    Object[] generate(NexmarkTable table, long n) {
        SplittableRandom random = new SplittableRandom(mix64(seed + n * GOLDEN_GAMMA));
        switch (table) {
            case PERSON:
                return person(n, random);
            case AUCTION:
                return auction(n, random);
            default:
                return bid(n, random);
        }
    }

    private Object[] person(long n, SplittableRandom random) {
        String name = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + ' '
                + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String email = RandomText.words(random, 7) + '@' + RandomText.words(random, 5) + ".com";
        StringBuilder card = new StringBuilder(19);
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                card.append(' ');
            }
            RandomText.appendFourDigits(card, random.nextInt(10_000));
        }
        String city = US_CITIES[random.nextInt(US_CITIES.length)];
        String state = US_STATES[random.nextInt(US_STATES.length)];
        int size = 8 + name.length() + email.length() + card.length() + city.length() + state.length();
        String extra = RandomText.extra(random, size, AVG_PERSON_BYTES);
        return new Object[] {NexmarkIds.lastPerson(n) + NexmarkIds.FIRST_PERSON_ID, name, email, card.toString(),
                city, state, timestamp(n), extra};
    }

    private Object[] auction(long n, SplittableRandom random) {
        long seller = random.nextInt(NexmarkIds.HOT_SELLER_RATIO) > 0
                ? NexmarkIds.hotSeller(n)
                : NexmarkIds.randomPerson(n, random);
        long category = NexmarkIds.FIRST_CATEGORY_ID + random.nextInt(NexmarkIds.NUM_CATEGORIES);
        long initialBid = price(random);
        long timestamp = timestamp(n);
        long expires = timestamp + auctionLength(n, timestamp, random);
        String itemName = RandomText.words(random, 20);
        String description = RandomText.words(random, 100);
        long reserve = initialBid + price(random);
        int size = 8 + itemName.length() + description.length() + 8 + 8 + 8 + 8 + 8;
        String extra = RandomText.extra(random, size, AVG_AUCTION_BYTES);
        return new Object[] {NexmarkIds.lastAuction(n) + NexmarkIds.FIRST_AUCTION_ID, itemName, description,
                initialBid, reserve, timestamp, expires, seller + NexmarkIds.FIRST_PERSON_ID, category, extra};
    }

    /**
     * An auction lasts on average until {@link NexmarkIds#NUM_IN_FLIGHT_AUCTIONS} more auctions have
     * started, so about that many are open at any time.
     */
    private long auctionLength(long n, long timestamp, SplittableRandom random) {
        long horizon = timestamp(n + eventsPerInFlightAuctions) - timestamp;
        return 1 + random.nextLong(Math.max(horizon * 2, 1));
    }

    private Object[] bid(long n, SplittableRandom random) {
        long auction = random.nextInt(NexmarkIds.HOT_AUCTION_RATIO) > 0
                ? NexmarkIds.hotAuction(n)
                : NexmarkIds.randomAuction(n, random);
        long bidder = random.nextInt(NexmarkIds.HOT_BIDDER_RATIO) > 0
                ? NexmarkIds.hotBidder(n)
                : NexmarkIds.randomPerson(n, random);
        long price = price(random);
        String channel;
        String url;
        if (random.nextInt(HOT_CHANNEL_RATIO) > 0) {
            int hot = random.nextInt(HOT_CHANNELS.length);
            channel = HOT_CHANNELS[hot];
            url = hotUrls[hot];
        } else {
            int number = random.nextInt(NUM_CHANNELS);
            channel = "channel-" + number;
            url = channelUrl(number);
        }
        String extra = RandomText.extra(random, 8 + 8 + 8 + 8, AVG_BID_BYTES);
        return new Object[] {auction + NexmarkIds.FIRST_AUCTION_ID, bidder + NexmarkIds.FIRST_PERSON_ID, price,
                channel, url, timestamp(n), extra};
    }

    /** Prices from 1.00 to 1,000,000.00 (in cents), log-uniform. */
    private static long price(SplittableRandom random) {
        return Math.round(Math.pow(10.0, random.nextDouble() * 6.0) * 100.0);
    }

    /** Nine channels in ten carry their id in the URL (which query 21 extracts). */
    private String channelUrl(int number) {
        String url = channelUrls[number];
        if (url == null) {
            SplittableRandom random = new SplittableRandom(mix64(seed ^ CHANNEL_URL_SALT) + number * GOLDEN_GAMMA);
            url = baseUrl(random);
            if (random.nextInt(10) > 0) {
                url = url + "&channel_id=" + Math.abs(Integer.reverse(number));
            }
            channelUrls[number] = url;
        }
        return url;
    }

    private static String baseUrl(SplittableRandom random) {
        return "https://www.nexmark.com/" + RandomText.words(random, 5, '_') + '/' + RandomText.words(random, 5, '_')
                + '/' + RandomText.words(random, 5, '_') + "/item.htm?query=1";
    }

    /** Stafford's variant 13 of the MurmurHash3 finalizer, as SplittableRandom uses. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
