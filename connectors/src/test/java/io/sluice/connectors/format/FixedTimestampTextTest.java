package io.sluice.connectors.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedTimestampTextTest {

    @Test
    void shouldAgreeWithTheFormatterOnRandomDateTimesOfEveryFractionLength() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long second = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 1 to 9999
            int nanos = random.nextInt(1_000_000_000);
            LocalDateTime dateTime = LocalDateTime.ofEpochSecond(second, nanos, ZoneOffset.UTC);
            String seconds = String.format("%04d-%02d-%02d%c%02d:%02d:%02d", dateTime.getYear(),
                    dateTime.getMonthValue(), dateTime.getDayOfMonth(), i % 2 == 0 ? ' ' : 'T',
                    dateTime.getHour(), dateTime.getMinute(), dateTime.getSecond());
            String fraction = String.format("%09d", nanos).substring(0, i % 10);
            String text = fraction.isEmpty() ? seconds : seconds + "." + fraction;
            long expected = TemporalText.toMillis(LocalDateTime.parse(text.replace(' ', 'T')));
            assertThat(FixedTimestampText.parseMillis(text)).as(text).isEqualTo(expected);
        }
    }

    @Test
    void shouldLeaveOtherSpellingsAndInvalidValuesToTheFormatter() {
        for (String text : new String[] {"2020-12-30T12:13", "2020-12-30", " 2020-12-30 12:13:14", "2020-12-30 12:13:14.",
                "2020-12-30 12:13:14.1234567890", "2021-02-29 00:00:00", "2020-13-01 00:00:00", "2020-12-30 24:00:00",
                "2020-12-30 12:60:00", "2020-12-30 12:13:60", "2020-12-30 12:13:14Z", "2020-12-30x12:13:14",
                "+2020-12-30 12:13:14", "2020-1a-30 12:13:14"}) {
            assertThat(FixedTimestampText.parseMillis(text)).as(text).isEqualTo(FixedTimestampText.NOT_FIXED);
        }
        assertThat(FixedTimestampText.parseMillis("2020-02-29 23:59:59.999"))
                .isEqualTo(TemporalText.toMillis(LocalDateTime.parse("2020-02-29T23:59:59.999")));
        assertThat(FixedTimestampText.parseMillis("1969-12-31t23:59:59.9")).isEqualTo(-100L);
    }
}
