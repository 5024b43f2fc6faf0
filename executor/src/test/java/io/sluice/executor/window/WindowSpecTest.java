package io.sluice.executor.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowSpecTest {

    private static List<String> windowsOf(WindowSpec spec, long time) {
        List<String> windows = new ArrayList<>();
        spec.assign(time, (start, end) -> windows.add("[" + start + ", " + end + ")"));
        return windows;
    }

    @Test
    void shouldAssignTumbleWindowHoldingTheTime() {
        WindowSpec tumble = WindowSpec.tumble(10, 0);
        assertThat(windowsOf(tumble, 0)).containsExactly("[0, 10)");
        assertThat(windowsOf(tumble, 9)).containsExactly("[0, 10)");
        assertThat(windowsOf(tumble, 1234)).containsExactly("[1230, 1240)");
    }

    @Test
    void shouldPutRowAtWindowEndIntoNextWindow() {
        assertThat(windowsOf(WindowSpec.tumble(10, 0), 10)).containsExactly("[10, 20)");
        assertThat(windowsOf(WindowSpec.hop(5, 10, 0), 10)).containsExactly("[5, 15)", "[10, 20)");
        assertThat(windowsOf(WindowSpec.cumulate(5, 15, 0), 5)).containsExactly("[0, 10)", "[0, 15)");
        assertThat(windowsOf(WindowSpec.cumulate(5, 15, 0), 15)).containsExactly("[15, 20)", "[15, 25)", "[15, 30)");
    }

    @Test
    void shouldAssignTumbleWindowsToNegativeTimes() {
        WindowSpec tumble = WindowSpec.tumble(10, 0);
        assertThat(windowsOf(tumble, -1)).containsExactly("[-10, 0)");
        assertThat(windowsOf(tumble, -10)).containsExactly("[-10, 0)");
        assertThat(windowsOf(tumble, -11)).containsExactly("[-20, -10)");
    }

    @Test
    void shouldShiftTumbleWindowsByOffset() {
        WindowSpec tumble = WindowSpec.tumble(10, 3);
        assertThat(windowsOf(tumble, 3)).containsExactly("[3, 13)");
        assertThat(windowsOf(tumble, 12)).containsExactly("[3, 13)");
        assertThat(windowsOf(tumble, 13)).containsExactly("[13, 23)");
        assertThat(windowsOf(tumble, 2)).containsExactly("[-7, 3)");
        assertThat(windowsOf(tumble, -8)).containsExactly("[-17, -7)");
        // an offset of a whole size or more, or a negative one, is the same alignment
        assertThat(windowsOf(WindowSpec.tumble(10, 13), 12)).containsExactly("[3, 13)");
        assertThat(windowsOf(WindowSpec.tumble(10, -7), 12)).containsExactly("[3, 13)");
    }

    @Test
    void shouldAssignEveryHopWindowHoldingTheTimeInEndOrder() {
        WindowSpec hop = WindowSpec.hop(5, 10, 0);
        assertThat(windowsOf(hop, 7)).containsExactly("[0, 10)", "[5, 15)");
        assertThat(windowsOf(hop, 5)).containsExactly("[0, 10)", "[5, 15)");
        assertThat(windowsOf(hop, 4)).containsExactly("[-5, 5)", "[0, 10)");
        assertThat(windowsOf(hop, -1)).containsExactly("[-10, 0)", "[-5, 5)");
        assertThat(windowsOf(WindowSpec.hop(2, 6, 0), 7)).containsExactly("[2, 8)", "[4, 10)", "[6, 12)");
    }

    @Test
    void shouldAssignHopWindowsWhenSizeIsNotAMultipleOfSlide() {
        // windows start at multiples of the slide: [3, 8) and [6, 11) hold 7
        assertThat(windowsOf(WindowSpec.hop(3, 5, 0), 7)).containsExactly("[3, 8)", "[6, 11)");
        assertThat(windowsOf(WindowSpec.hop(3, 5, 0), 8)).containsExactly("[6, 11)");
        assertThat(windowsOf(WindowSpec.hop(3, 5, 0), -1)).containsExactly("[-3, 2)");
    }

    @Test
    void shouldAssignHopWindowsWithGapsWhenSlideExceedsSize() {
        WindowSpec hop = WindowSpec.hop(10, 5, 0);
        assertThat(windowsOf(hop, 3)).containsExactly("[0, 5)");
        assertThat(windowsOf(hop, 7)).isEmpty();
        assertThat(windowsOf(hop, 10)).containsExactly("[10, 15)");
    }

    @Test
    void shouldShiftHopWindowsByOffset() {
        assertThat(windowsOf(WindowSpec.hop(5, 10, 2), 7)).containsExactly("[2, 12)", "[7, 17)");
        assertThat(windowsOf(WindowSpec.hop(5, 10, 2), 6)).containsExactly("[-3, 7)", "[2, 12)");
    }

    @Test
    void shouldAssignGrowingCumulateWindowsSharingAStart() {
        WindowSpec cumulate = WindowSpec.cumulate(5, 15, 0);
        assertThat(windowsOf(cumulate, 0)).containsExactly("[0, 5)", "[0, 10)", "[0, 15)");
        assertThat(windowsOf(cumulate, 7)).containsExactly("[0, 10)", "[0, 15)");
        assertThat(windowsOf(cumulate, 14)).containsExactly("[0, 15)");
        assertThat(windowsOf(cumulate, -1)).containsExactly("[-15, 0)");
        assertThat(windowsOf(cumulate, -12)).containsExactly("[-15, -10)", "[-15, -5)", "[-15, 0)");
    }

    @Test
    void shouldShiftCumulateWindowsByOffset() {
        WindowSpec cumulate = WindowSpec.cumulate(5, 15, 2);
        assertThat(windowsOf(cumulate, 7)).containsExactly("[2, 12)", "[2, 17)");
        assertThat(windowsOf(cumulate, 1)).containsExactly("[-13, 2)");
        assertThat(windowsOf(cumulate, 2)).containsExactly("[2, 7)", "[2, 12)", "[2, 17)");
    }

    @Test
    void shouldFindStartOfWindowFromItsEnd() {
        assertThat(WindowSpec.tumble(10, 0).startOf(10)).isEqualTo(0);
        assertThat(WindowSpec.tumble(10, 0).startOf(0)).isEqualTo(-10);
        assertThat(WindowSpec.tumble(10, 3).startOf(13)).isEqualTo(3);
        assertThat(WindowSpec.hop(5, 10, 0).startOf(15)).isEqualTo(5);
        WindowSpec cumulate = WindowSpec.cumulate(5, 15, 0);
        assertThat(cumulate.startOf(5)).isEqualTo(0);
        assertThat(cumulate.startOf(10)).isEqualTo(0);
        assertThat(cumulate.startOf(15)).isEqualTo(0);
        assertThat(cumulate.startOf(20)).isEqualTo(15);
        assertThat(cumulate.startOf(0)).isEqualTo(-15);
        assertThat(WindowSpec.cumulate(5, 15, 2).startOf(12)).isEqualTo(2);
        assertThat(WindowSpec.cumulate(5, 15, 2).startOf(17)).isEqualTo(2);
    }

    @Test
    void shouldAgreeWithAssignOnEveryWindowStart() {
        for (WindowSpec spec : List.of(WindowSpec.tumble(7, 2), WindowSpec.hop(3, 7, 1), WindowSpec.hop(3, 9, 0),
                WindowSpec.cumulate(4, 12, 5))) {
            for (long time = -40; time <= 40; time++) {
                long t = time;
                spec.assign(time, (start, end) -> {
                    assertThat(spec.startOf(end)).as("%s start of window ending %s", spec, end).isEqualTo(start);
                    assertThat(t).as("%s window [%s, %s)", spec, start, end).isGreaterThanOrEqualTo(start).isLessThan(end);
                });
            }
        }
    }

    @Test
    void shouldAssignExactlyTheWindowsOfTheDefinition() {
        // windows by definition: starts at offset + k * step, every one holding the time, by increasing end
        for (long step = 1; step <= 6; step++) {
            for (long size = 1; size <= 13; size++) {
                for (long offset = -4; offset <= 4; offset += 4) {
                    WindowSpec hop = WindowSpec.hop(step, size, offset);
                    for (long time = -30; time <= 30; time++) {
                        List<String> expected = new ArrayList<>();
                        for (long start = offset - 60 * step; start <= time; start += step) {
                            if (time < start + size) {
                                expected.add("[" + start + ", " + (start + size) + ")");
                            }
                        }
                        assertThat(windowsOf(hop, time)).as("%s at %s", hop, time).containsExactlyElementsOf(expected);
                    }
                    if (size % step == 0) {
                        WindowSpec cumulate = WindowSpec.cumulate(step, size, offset);
                        for (long time = -30; time <= 30; time++) {
                            long start = offset + Math.floorDiv(time - offset, size) * size;
                            List<String> expected = new ArrayList<>();
                            for (long end = start + step; end <= start + size; end += step) {
                                if (time < end) {
                                    expected.add("[" + start + ", " + end + ")");
                                }
                            }
                            assertThat(windowsOf(cumulate, time)).as("%s at %s", cumulate, time)
                                    .containsExactlyElementsOf(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldRejectBadSizes() {
        assertThatThrownBy(() -> WindowSpec.tumble(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WindowSpec.hop(0, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WindowSpec.cumulate(4, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple");
    }

    @Test
    void shouldDescribeItself() {
        assertThat(WindowSpec.tumble(10, 0)).hasToString("TUMBLE(size=10ms)");
        assertThat(WindowSpec.hop(5, 10, 2)).hasToString("HOP(slide=5ms, size=10ms)[offset=2ms]");
        assertThat(WindowSpec.cumulate(5, 15, 0)).hasToString("CUMULATE(step=5ms, size=15ms)");
    }
}
