package io.sluice.connectors.nexmark;

import static io.sluice.connectors.nexmark.NexmarkTestTables.eventNumber;
import static io.sluice.connectors.nexmark.NexmarkTestTables.read;
import static io.sluice.connectors.nexmark.NexmarkTestTables.sortedByTime;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated events follow the Nexmark model: proportions, id spaces, hot ratios, sizes, expiry. */
class NexmarkModelTest {
    private static final long EVENTS = 50_000;
    private static final long SEED = 7;

    private static List<List<Object>> persons;
    private static List<List<Object>> auctions;
    private static List<List<Object>> bids;
    /** Event number → newest person id (and auction id) that exists at that event. */
    private static final TreeMap<Long, Long> newestPerson = new TreeMap<>();
    private static final TreeMap<Long, Long> newestAuction = new TreeMap<>();

    @BeforeAll
    static void generate() throws Exception {
        persons = sortedByTime(read("person", EVENTS, SEED, 2), 6);
        auctions = sortedByTime(read("auction", EVENTS, SEED, 2), 5);
        bids = sortedByTime(read("bid", EVENTS, SEED, 2), 5);
        persons.forEach(p -> newestPerson.put(eventNumber(p, 6), (Long) p.get(0)));
        auctions.forEach(a -> newestAuction.put(eventNumber(a, 5), (Long) a.get(0)));
    }

    @Test
    void shouldSplitTheEventsOneToThreeToFortySix() {
        assertThat(persons).hasSize(1_000);
        assertThat(auctions).hasSize(3_000);
        assertThat(bids).hasSize(46_000);
        // together the tables are the global sequence: every event number exactly once
        List<Long> numbers = new java.util.ArrayList<>();
        persons.forEach(p -> numbers.add(eventNumber(p, 6)));
        auctions.forEach(a -> numbers.add(eventNumber(a, 5)));
        bids.forEach(b -> numbers.add(eventNumber(b, 5)));
        numbers.sort(null);
        assertThat(numbers).isEqualTo(LongStream.range(0, EVENTS).boxed().toList());
    }

    @Test
    void shouldCountAPartialEpoch() throws Exception {
        // 50,037 events: 1,000 full epochs, then a person, three auctions and 33 bids
        assertThat(read("person", 50_037, SEED, 3)).hasSize(1_001);
        assertThat(read("auction", 50_037, SEED, 3)).hasSize(3_003);
        assertThat(read("bid", 50_037, SEED, 3)).hasSize(46_033);
    }

    @Test
    void shouldNumberPersonsAndAuctionsFromOneThousandInEventOrder() {
        assertThat(persons.stream().map(p -> (Long) p.get(0)).toList())
                .isEqualTo(LongStream.range(1000, 2000).boxed().toList());
        assertThat(auctions.stream().map(a -> (Long) a.get(0)).toList())
                .isEqualTo(LongStream.range(1000, 4000).boxed().toList());
        assertThat(auctions).allSatisfy(a -> assertThat((Long) a.get(8)).isBetween(10L, 14L));
        assertThat(auctions.stream().map(a -> a.get(8)).distinct().count()).isEqualTo(5);
    }

    @Test
    void shouldBidOnInFlightAuctionsByActivePeople() {
        long existingAuction = 0;
        long existingBidder = 0;
        long hotAuction = 0;
        long hotBidder = 0;
        for (List<Object> bid : bids) {
            long n = eventNumber(bid, 5);
            long newestA = newestAuction.floorEntry(n).getValue();
            long newestP = newestPerson.floorEntry(n).getValue();
            long auction = (Long) bid.get(0);
            long bidder = (Long) bid.get(1);
            assertThat(auction).as("auction of bid %d", n)
                    .isBetween(Math.max(1000, newestA - NexmarkIds.NUM_IN_FLIGHT_AUCTIONS),
                            newestA + NexmarkIds.AUCTION_ID_LEAD);
            assertThat(bidder).as("bidder of bid %d", n)
                    .isBetween(Math.max(1000, newestP + 1 - NexmarkIds.NUM_ACTIVE_PEOPLE),
                            newestP + NexmarkIds.PERSON_ID_LEAD);
            existingAuction += auction <= newestA ? 1 : 0;
            existingBidder += bidder <= newestP ? 1 : 0;
            hotAuction += auction == 1000 + (newestA - 1000) / 100 * 100 ? 1 : 0;
            hotBidder += bidder == 1000 + (newestP - 1000) / 100 * 100 + 1 ? 1 : 0;
        }
        double count = bids.size();
        assertThat(existingAuction / count).isGreaterThan(0.95);
        assertThat(existingBidder / count).isGreaterThan(0.95);
        // hot auction ratio 2: half the bids (plus the random ones that hit it); hot bidder ratio 4: 3/4
        assertThat(hotAuction / count).isCloseTo(0.5, within(0.04));
        assertThat(hotBidder / count).isCloseTo(0.75, within(0.03));
    }

    @Test
    void shouldSellByActivePeopleMostlyTheHotSeller() {
        long hotSeller = 0;
        for (List<Object> auction : auctions) {
            long n = eventNumber(auction, 5);
            long newestP = newestPerson.floorEntry(n).getValue();
            long seller = (Long) auction.get(7);
            assertThat(seller).isBetween(Math.max(1000, newestP + 1 - NexmarkIds.NUM_ACTIVE_PEOPLE),
                    newestP + NexmarkIds.PERSON_ID_LEAD);
            hotSeller += seller == 1000 + (newestP - 1000) / 100 * 100 ? 1 : 0;
        }
        assertThat(hotSeller / (double) auctions.size()).isCloseTo(0.75, within(0.04));
    }

    @Test
    void shouldPadEventsToTheAverageSizes() {
        assertThat(persons.stream().mapToInt(p -> 8 + chars(p, 1, 2, 3, 4, 5, 7)).average().orElseThrow())
                .isCloseTo(200, within(10.0));
        assertThat(auctions.stream().mapToInt(a -> 8 * 6 + chars(a, 1, 2, 9)).average().orElseThrow())
                .isCloseTo(500, within(25.0));
        assertThat(bids.stream().mapToInt(b -> 8 * 4 + chars(b, 6)).average().orElseThrow())
                .isCloseTo(100, within(5.0));
        assertThat(bids).allSatisfy(b -> assertThat((String) b.get(6)).matches("[a-z]*"));
    }

    @Test
    void shouldShapeTheFieldsAsNexmark() {
        assertThat(persons).allSatisfy(p -> {
            assertThat((String) p.get(2)).matches("[a-z ]*@[a-z ]*\\.com");
            assertThat((String) p.get(3)).matches("\\d{4} \\d{4} \\d{4} \\d{4}");
            assertThat((String) p.get(5)).isIn("AZ", "CA", "ID", "OR", "WA", "WY");
        });
        assertThat(bids).allSatisfy(b -> {
            assertThat((Long) b.get(2)).isBetween(100L, 100_000_000L);
            assertThat((String) b.get(4)).startsWith("https://www.nexmark.com/");
        });
        long hotChannels = bids.stream().filter(b -> List.of("Google", "Facebook", "Baidu", "Apple")
                .contains((String) b.get(3))).count();
        assertThat(hotChannels / (double) bids.size()).isCloseTo(0.5, within(0.02));
        long withChannelId = bids.stream().filter(b -> ((String) b.get(3)).startsWith("channel-"))
                .filter(b -> ((String) b.get(4)).contains("&channel_id=")).count();
        assertThat(withChannelId / (double) (bids.size() - hotChannels)).isCloseTo(0.9, within(0.05));
    }

    @Test
    void shouldSpaceEventTimeByTheRateAndExpireAuctionsAfterAboutOneHundredMore() {
        // rate 1000/s: event n at base + n ms; 100 auctions take 100 * 50 / 3 = 1,666 events = 1,666 ms
        assertThat(eventNumber(bids.get(0), 5)).isEqualTo(4);
        double averageLength = auctions.stream().mapToLong(a -> (Long) a.get(6) - (Long) a.get(5))
                .average().orElseThrow();
        assertThat(auctions).allSatisfy(a -> assertThat((Long) a.get(6)).isGreaterThan((Long) a.get(5)));
        assertThat(averageLength).isCloseTo(1_666, within(100.0));
    }

    private static int chars(List<Object> row, int... columns) {
        int sum = 0;
        for (int c : columns) {
            sum += ((String) row.get(c)).length();
        }
        return sum;
    }
}
