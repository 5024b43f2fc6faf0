package io.sluice.connectors.nexmark;

import io.sluice.executor.types.TypeRoot;
import java.util.List;
import java.util.Locale;

/**
 * The three Nexmark tables and where their events sit in the one global event sequence. Events come
 * in epochs of {@link #EPOCH} = 50: event {@code n} is a person when {@code n % 50 == 0}, an auction
 * when it is 1..3 and a bid when it is 4..49 (proportions 1:3:46). The {@code k}-th event of a table
 * (its ordinal) is therefore a pure function of {@code k}, which is what lets a subtask generate its
 * share of a table without looking at the other tables.
 */
enum NexmarkTable {
    PERSON(0, 1, List.of(
            column("id", TypeRoot.BIGINT), column("name", TypeRoot.VARCHAR),
            column("emailAddress", TypeRoot.VARCHAR), column("creditCard", TypeRoot.VARCHAR),
            column("city", TypeRoot.VARCHAR), column("state", TypeRoot.VARCHAR),
            column("dateTime", TypeRoot.TIMESTAMP), column("extra", TypeRoot.VARCHAR))),
    AUCTION(1, 3, List.of(
            column("id", TypeRoot.BIGINT), column("itemName", TypeRoot.VARCHAR),
            column("description", TypeRoot.VARCHAR), column("initialBid", TypeRoot.BIGINT),
            column("reserve", TypeRoot.BIGINT), column("dateTime", TypeRoot.TIMESTAMP),
            column("expires", TypeRoot.TIMESTAMP), column("seller", TypeRoot.BIGINT),
            column("category", TypeRoot.BIGINT), column("extra", TypeRoot.VARCHAR))),
    BID(4, 46, List.of(
            column("auction", TypeRoot.BIGINT), column("bidder", TypeRoot.BIGINT),
            column("price", TypeRoot.BIGINT), column("channel", TypeRoot.VARCHAR),
            column("url", TypeRoot.VARCHAR), column("dateTime", TypeRoot.TIMESTAMP),
            column("extra", TypeRoot.VARCHAR)));

    static final int EPOCH = 50;

    /** Position of the table's first event within an epoch. */
    private final int offset;
    /** Events of this table per epoch. */
    private final int proportion;
    private final List<Column> columns;

    NexmarkTable(int offset, int proportion, List<Column> columns) {
        this.offset = offset;
        this.proportion = proportion;
        this.columns = columns;
    }

    record Column(String name, TypeRoot type) {
    }

    private static Column column(String name, TypeRoot type) {
        return new Column(name, type);
    }

    String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    int proportion() {
        return proportion;
    }

    List<Column> columns() {
        return columns;
    }

    /** The global event number of this table's {@code ordinal}-th event. */
    long eventNumber(long ordinal) {
        return ordinal / proportion * EPOCH + offset + ordinal % proportion;
    }

    /** How many of the first {@code totalEvents} events of the global sequence belong to this table. */
    long count(long totalEvents) {
        long full = totalEvents / EPOCH * proportion;
        long rest = totalEvents % EPOCH - offset;
        return full + Math.max(0, Math.min(proportion, rest));
    }

    /** The table an event number belongs to. */
    static NexmarkTable of(long eventNumber) {
        long position = eventNumber % EPOCH;
        if (position < AUCTION.offset) {
            return PERSON;
        }
        return position < BID.offset ? AUCTION : BID;
    }
}
