package dev.millrace.windowing.core;

/**
 * The state of ONE key, as a runner stores it (in-memory maps, a checkpointable store, Flink keyed
 * state). Cells are addressed by a namespace (a window, or the key's global namespace) and a
 * {@link StateTag}; the tag's codec lets a serializing backend store the cell. The returned view
 * reads and writes through, and a cell that is cleared occupies no storage.
 *
 * <p>Used by the grouping core ({@link GroupAlsoByWindow}) and its trigger state machines, and
 * designed to back the state of stateful DoFns too.
 */
public interface StateInternals {
  /**
   * The cell {@code tag} of {@code namespace}.
   *
   * @throws IllegalArgumentException if the same id was used with a different kind of tag
   */
  <S extends State> S state(StateNamespace namespace, StateTag<S> tag);
}
