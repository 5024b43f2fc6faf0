package io.sluice.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.connector.ConnectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ServiceLoaderTest {
    @Test
    void shouldFindEveryConnectorByItsIdentifier() {
        List<String> identifiers = new ArrayList<>();
        ServiceLoader.load(ConnectorFactory.class).forEach(f -> identifiers.add(f.identifier()));

        assertThat(identifiers).contains("datagen", "filesystem", "print", "blackhole").doesNotHaveDuplicates();
    }

    @Test
    void shouldListFormatOptionsAmongFilesystemOptions() {
        assertThat(ConnectorTestSupport.factory("filesystem").supportedOptions())
                .contains("path", "format", "json.ignore-parse-errors", "csv.field-delimiter",
                        "sink.rolling-policy.file-size");
    }
}
