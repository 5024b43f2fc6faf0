package io.sluice.connectors.kafka.source;

import io.sluice.connectors.kafka.KafkaOptions;
import io.sluice.executor.connector.ConnectorOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The topics a table reads: a fixed list ({@code 'topic' = 'a;b'}) or every topic whose whole name
 * matches a regular expression ({@code 'topic-pattern'}), including topics created later.
 */
record TopicSelection(List<String> topics, Optional<Pattern> pattern) {

    TopicSelection {
        topics = List.copyOf(topics);
    }

    static TopicSelection from(ConnectorOptions options) {
        Optional<String> topic = options.get(KafkaOptions.TOPIC);
        Optional<String> pattern = options.get(KafkaOptions.TOPIC_PATTERN);
        if (topic.isPresent() && pattern.isPresent()) {
            throw options.error("options '" + KafkaOptions.TOPIC + "' and '" + KafkaOptions.TOPIC_PATTERN
                    + "' cannot both be set; give one of them");
        }
        if (topic.isPresent()) {
            List<String> topics = Arrays.stream(topic.get().split(";")).map(String::trim).filter(t -> !t.isEmpty())
                    .distinct().toList();
            if (topics.isEmpty()) {
                throw options.invalid(KafkaOptions.TOPIC, topic.get(), "a topic name or a ';'-separated list of them");
            }
            return new TopicSelection(topics, Optional.empty());
        }
        if (pattern.isPresent()) {
            try {
                return new TopicSelection(List.of(), Optional.of(Pattern.compile(pattern.get())));
            } catch (PatternSyntaxException e) {
                throw options.invalid(KafkaOptions.TOPIC_PATTERN, pattern.get(),
                        "a Java regular expression (" + e.getDescription() + " at index " + e.getIndex() + ")");
            }
        }
        throw options.error("missing option '" + KafkaOptions.TOPIC + "' (or '" + KafkaOptions.TOPIC_PATTERN
                + "'): the topic(s) to read");
    }

    boolean isPattern() {
        return pattern.isPresent();
    }

    boolean isSingleTopic() {
        return topics.size() == 1;
    }

    boolean includes(String topic) {
        return pattern.map(p -> p.matcher(topic).matches()).orElseGet(() -> topics.contains(topic));
    }

    @Override
    public String toString() {
        return pattern.map(p -> "topic-pattern=" + p.pattern()).orElseGet(() -> "topic=" + String.join(";", topics));
    }
}
