package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The scalar functions and operators Nexmark uses, evaluated by compiled code on real rows. */
class ScalarFunctionsTest {

    private static List<String> select(String expressions) throws Exception {
        try (SqlTestRunner sql = new SqlTestRunner()) {
            sql.run("SET 'parallelism.default' = '1';"
                    + "CREATE TABLE t (id BIGINT, price DECIMAL(10, 2), url STRING, channel STRING, ts TIMESTAMP(3), "
                    + "maybe INT) WITH ('connector' = 'datagen', 'number-of-rows' = '1', 'fields.id.kind' = 'sequence', "
                    + "'fields.id.start' = '7', 'fields.id.end' = '7', 'fields.maybe.null-rate' = '1.0', "
                    + "'fields.price.min' = '1', 'fields.price.max' = '1', 'fields.url.length' = '5', "
                    + "'fields.channel.length' = '3')");
            return sql.query("SELECT " + expressions + " FROM (SELECT id, price, "
                    + "'https://www.nexmark.com/abc/item.htm?query=1&channel_id=1234' AS url, 'Apple' AS channel, "
                    + "TIMESTAMP '2024-03-05 14:07:09.250' AS ts, maybe FROM t)");
        }
    }

    @Test
    void stringFunctions() throws Exception {
        assertThat(select("SPLIT_INDEX(url, '/', 3), SPLIT_INDEX(url, '/', 9), "
                + "REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2), REGEXP_EXTRACT(url, 'zzz', 1), "
                + "LOWER(channel), UPPER(channel), CHAR_LENGTH(channel), channel || '!', SUBSTRING(channel, 2, 3), "
                + "CONCAT(channel, '-', 'x')"))
                .containsExactly("+I[abc, null, 1234, null, apple, APPLE, 5, Apple!, ppl, Apple-x]");
    }

    @Test
    void arithmeticComparisonAndCase() throws Exception {
        assertThat(select("id * 3 + 1, MOD(id, 4), id / 2, price * 0.908, CAST(id AS DOUBLE) / 2, "
                + "CASE WHEN id > 5 THEN 'big' ELSE 'small' END, CASE WHEN id > 9 THEN 'x' END, "
                + "id BETWEEN 1 AND 10, maybe + 1, maybe IS NULL, COALESCE(maybe, -1), CAST('42' AS INT)"))
                .containsExactly("+I[22, 3, 3, 0.90800, 3.5, big, null, true, null, true, -1, 42]");
    }

    @Test
    void dateTimeFunctions() throws Exception {
        assertThat(select("HOUR(ts), MINUTE(ts), EXTRACT(DAY FROM ts), DATE_FORMAT(ts, 'yyyy-MM-dd'), "
                + "DATE_FORMAT(ts, 'HH:mm'), ts + INTERVAL '1' HOUR, CAST(ts AS DATE), "
                + "TO_TIMESTAMP('2024-03-05 14:07:09'), TO_TIMESTAMP_LTZ(1000, 3), FLOOR(ts TO MINUTE)"))
                // TIMESTAMP and DATE values are carried as epoch milliseconds and days
                .containsExactly("+I[14, 7, 5, 2024-03-05, 14:07, 1709651229250, 19787, 1709647629000, 1000, 1709647620000]");
    }
}
