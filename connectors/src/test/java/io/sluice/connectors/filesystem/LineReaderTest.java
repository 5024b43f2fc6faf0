package io.sluice.connectors.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineReaderTest {
    private static final String TEXT = "first\r\n\nthe second line is longer than the buffer\n\u00e9t\u00e9\r\nlast";

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 64 * 1024})
    void shouldReturnEveryLineWithoutItsEndWhereverTheBufferCutsIt(int bufferSize) throws IOException {
        byte[] bytes = TEXT.getBytes(StandardCharsets.UTF_8);
        LineReader reader = new LineReader(trickle(bytes), 100, bufferSize);
        List<String> lines = new ArrayList<>();
        List<Boolean> ascii = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        while (reader.nextLine()) {
            lines.add(new String(reader.buffer(), reader.lineStart(), reader.lineLength(), StandardCharsets.UTF_8));
            ascii.add(reader.lineIsAscii());
            offsets.add(reader.offset());
        }

        assertThat(lines).containsExactly("first", "", "the second line is longer than the buffer", "\u00e9t\u00e9", "last");
        assertThat(ascii).containsExactly(true, true, true, false, true);
        assertThat(offsets).containsExactly(107L, 108L, 150L, 157L, 100L + bytes.length);
        assertThat(reader.nextLine()).isFalse();
    }

    @Test
    void shouldTellAsciiLinesWhereverANonAsciiByteFollowsTheLineEnd() throws IOException {
        for (int length = 0; length < 20; length++) {
            String ascii = "x".repeat(length);
            String text = ascii + "\n\u00e9" + ascii + "\n" + ascii;
            LineReader reader = new LineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 0);

            assertThat(reader.nextLine()).isTrue();
            assertThat(reader.lineLength()).isEqualTo(length);
            assertThat(reader.lineIsAscii()).as("line of %d bytes", length).isTrue();
            assertThat(reader.nextLine()).isTrue();
            assertThat(reader.lineIsAscii()).isFalse();
            assertThat(reader.nextLine()).isEqualTo(length > 0);
        }
    }

    @Test
    void shouldCopyLinesForReadLine() throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream("a\nbc\n".getBytes(StandardCharsets.UTF_8)), 0);

        assertThat(new String(reader.readLine(), StandardCharsets.UTF_8)).isEqualTo("a");
        assertThat(new String(reader.readLine(), StandardCharsets.UTF_8)).isEqualTo("bc");
        assertThat(reader.readLine()).isNull();
    }

    /** Hands out at most 5 bytes per read, as a slow file or pipe may. */
    private static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 5));
            }
        };
    }
}
