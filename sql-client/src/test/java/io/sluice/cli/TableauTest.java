package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.types.LogicalType;
import io.sluice.executor.types.RowSchema;
import io.sluice.executor.types.TypeRoot;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableauTest {

    @Test
    void shouldSayEmptySetForNoRows() {
        assertThat(Tableau.render(List.of("table name"), List.of())).containsExactly("Empty set");
    }

    @Test
    void shouldFitColumnsToTheirWidestValueAndAlignRight() {
        assertThat(Tableau.render(List.of("k", "value"), List.of(List.of("a", "1"), List.of("long key", "22"))))
                .containsExactly(
                        "+----------+-------+",
                        "|        k | value |",
                        "+----------+-------+",
                        "|        a |     1 |",
                        "| long key |    22 |",
                        "+----------+-------+",
                        "2 rows in set");
    }

    @Test
    void shouldSizeStreamedColumnsByTypeAndCutLongValues() {
        RowSchema schema = RowSchema.builder()
                .field("b", LogicalType.of(TypeRoot.BOOLEAN))
                .field("s", LogicalType.string())
                .field("ts", LogicalType.of(TypeRoot.TIMESTAMP, 3))
                .build();
        Tableau table = Tableau.fittingTypes(schema);

        assertThat(table.border()).isEqualTo("+----+--------+--------------------------------+-------------------------+");
        assertThat(table.row(List.of("+I", "TRUE", "x".repeat(40), "2020-04-15 08:05:00.000")))
                .isEqualTo("| +I |   TRUE | xxxxxxxxxxxxxxxxxxxxxxxxxxx... | 2020-04-15 08:05:00.000 |");
    }

    @Test
    void shouldCountWideCharactersTwice() {
        assertThat(Tableau.displayWidth("数据")).isEqualTo(4);
        assertThat(Tableau.render(List.of("name"), List.of(List.of("数据")))).contains("| 数据 |");
    }
}
