package dev.millrace.windowing.core.inmemory;

import dev.millrace.windowing.Timestamps;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The state of every key a runner manages in memory: one {@link InMemoryStateInternals} per key,
 * created on first use, and the minimum watermark hold across all of them (kept in a sorted index,
 * so asking is cheap). Not thread-safe for the same key; different keys may be used from
 * different threads only if the runner synchronises access to {@link #forKey}.
 *
 * @param <K> the key type (must implement equals and hashCode)
 */
public final class InMemoryStateStore<K> {
  private final boolean encode;
  private final HoldIndex holds = new HoldIndex();
  private final Map<K, InMemoryStateInternals> states = new HashMap<>();

  private InMemoryStateStore(boolean encode) {
    this.encode = encode;
  }

  /** A store that keeps objects as they are. */
  public static <K> InMemoryStateStore<K> create() {
    return new InMemoryStateStore<>(false);
  }

  /** A store that round-trips every value through its codec (see InMemoryStateInternals). */
  public static <K> InMemoryStateStore<K> encoding() {
    return new InMemoryStateStore<>(true);
  }

  /** The state of {@code key}, created empty on first use. */
  public synchronized InMemoryStateInternals forKey(K key) {
    return states.computeIfAbsent(key, k -> new InMemoryStateInternals(encode, holds));
  }

  /** Forgets {@code key} if its state is empty (call after processing a key to save memory). */
  public synchronized void releaseIfEmpty(K key) {
    InMemoryStateInternals s = states.get(key);
    if (s != null && s.isEmpty()) {
      states.remove(key);
    }
  }

  /** The keys that currently have state objects. */
  public synchronized Set<K> keys() {
    return Set.copyOf(states.keySet());
  }

  /** Whether no key holds any state. */
  public synchronized boolean isEmpty() {
    return states.values().stream().allMatch(InMemoryStateInternals::isEmpty);
  }

  /**
   * The minimum watermark hold over every key and window, or {@link Timestamps#MAX} when nothing
   * is held. A runner's output watermark for the computation is at most this.
   */
  public long minimumHold() {
    return holds.minimum(Timestamps.MAX);
  }
}
