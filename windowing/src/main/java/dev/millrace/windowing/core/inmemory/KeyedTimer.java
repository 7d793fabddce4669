package dev.millrace.windowing.core.inmemory;

import dev.millrace.windowing.core.TimerData;

/**
 * A due timer and the key it belongs to, as {@link InMemoryTimerQueue#removeDue} returns them.
 *
 * @param key the key the timer was set for
 * @param timer the timer
 * @param <K> the key type
 */
public record KeyedTimer<K>(K key, TimerData timer) {}
