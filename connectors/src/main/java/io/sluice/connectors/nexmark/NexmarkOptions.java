package io.sluice.connectors.nexmark;

/**
 * The generator's settings.
 *
 * @param events events of the global sequence (all three tables), or -1 for no end
 * @param rate events per second of event time: the spacing of {@code dateTime}
 * @param seed the seed every random value derives from
 * @param baseTime the event time of event 0, epoch milliseconds
 * @param maxEventsPerSecond a wall-clock limit on events of the global sequence per second, 0 for none
 */
record NexmarkOptions(long events, double rate, long seed, long baseTime, double maxEventsPerSecond) {
}
