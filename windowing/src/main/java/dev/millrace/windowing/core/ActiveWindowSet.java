package dev.millrace.windowing.core;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The windows of a key that hold state, for merging window functions (kept in the key's global
 * namespace so it survives serialization). Loaded once per call and persisted at its end. For
 * non-merging functions every window counts as active and nothing is stored.
 */
final class ActiveWindowSet {
  private final boolean merging;
  private final StateInternals state;
  private final StateTag<ValueState<List<BoundedWindow>>> tag;
  private final Set<BoundedWindow> windows;
  private boolean dirty;

  @SuppressWarnings({"unchecked", "rawtypes"})
  ActiveWindowSet(boolean merging, StateCodec<?> windowCodec, StateInternals state) {
    this.merging = merging;
    this.state = state;
    this.tag = StateTag.value("activeWindows", StateCodecs.listOf((StateCodec) windowCodec));
    this.windows = new LinkedHashSet<>();
    if (merging) {
      List<BoundedWindow> stored = state.state(StateNamespace.global(), tag).read();
      if (stored != null) {
        windows.addAll(stored);
      }
    }
  }

  boolean isActive(BoundedWindow w) {
    return !merging || windows.contains(w);
  }

  Set<BoundedWindow> windows() {
    return windows;
  }

  void add(BoundedWindow w) {
    if (merging) {
      dirty |= windows.add(w);
    }
  }

  void remove(BoundedWindow w) {
    if (merging) {
      dirty |= windows.remove(w);
    }
  }

  void persist() {
    if (!dirty) {
      return;
    }
    ValueState<List<BoundedWindow>> cell = state.state(StateNamespace.global(), tag);
    if (windows.isEmpty()) {
      cell.clear();
    } else {
      cell.write(new ArrayList<>(windows));
    }
    dirty = false;
  }
}
