package io.sluice.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic bid events whose event times are out of order by up to 2 s around a steady
 * progression of 100 ms per event — always within a 5 s watermark bound per file, so no row is late.
 */
record BidEvents(List<Bid> bids) {
    static final long START = LocalDateTime.of(2024, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    record Bid(long auction, long bidder, long price, long time, int file) {
    }

    static BidEvents generate(int count, int files, long seed) {
        Random random = new Random(seed);
        List<Bid> bids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long time = START + i * 100L + random.nextInt(4001) - 2000;
            bids.add(new Bid(1 + random.nextInt(12), 100 + random.nextInt(30), 1 + random.nextInt(1000), time,
                    i % files));
        }
        return new BidEvents(bids);
    }

    /** Writes one JSON-lines file per split, events in generation (not time) order. */
    void writeJson(Path dir, int files) throws IOException {
        Files.createDirectories(dir);
        for (int f = 0; f < files; f++) {
            StringBuilder sb = new StringBuilder();
            for (Bid bid : bids) {
                if (bid.file() == f) {
                    sb.append("{\"auction\":").append(bid.auction())
                            .append(",\"bidder\":").append(bid.bidder())
                            .append(",\"price\":").append(bid.price())
                            .append(",\"dateTime\":\"").append(format(bid.time())).append("\"}\n");
                }
            }
            Files.writeString(dir.resolve("bids-" + f + ".json"), sb.toString());
        }
    }

    static String format(long millis) {
        return SQL.format(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }
}
