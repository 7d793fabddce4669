package dev.millrace.windowing.core;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.Timestamps;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * The index of a key's held windows, kept in the key's global namespace so that the key's earliest
 * watermark hold is known from the key's own state, usually without visiting its windows.
 *
 * <p>Two cells: a bag of the windows that became held (appended in O(1); a window released later
 * stays listed until the bag is compacted) and a small summary: how many windows hold something,
 * how many entries the bag has, and the earliest hold when it is known exactly. The earliest hold
 * stays exact while holds are added or lowered; it becomes unknown only when the window holding it
 * is released or raised, and is then recomputed from the bag (compacting it) on the next read.
 * The bag is also compacted when it has grown to more than twice the held windows, so its size
 * stays proportional to them. A key that holds nothing has neither cell.
 */
final class HeldWindowIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  /** A change of one window's hold (the minimum of its cells); empty means "holds nothing". */
  record Change(BoundedWindow window, OptionalLong before, OptionalLong after) {}

  /** The summary cell's value; {@code min} is meaningful only when {@code exact}. */
  record Summary(boolean exact, long min, int live, int entries) {}

  private static final Summary EMPTY = new Summary(true, Timestamps.MAX, 0, 0);

  private final StateTag<BagState<BoundedWindow>> windows;
  private final StateTag<ValueState<Summary>> summary;

  @SuppressWarnings({"unchecked", "rawtypes"})
  HeldWindowIndex(StateCodec<? extends BoundedWindow> windowCodec) {
    this.windows = StateTag.bag("heldWindowBag", (StateCodec) windowCodec);
    this.summary = StateTag.value("heldWindowSummary", SummaryCodec.INSTANCE);
  }

  /**
   * The earliest hold of any window of the key, or {@link Timestamps#MAX} when none holds
   * anything; {@code holdOf} reads a window's current hold.
   */
  long minimum(StateInternals s, Function<BoundedWindow, OptionalLong> holdOf) {
    Summary current = s.state(StateNamespace.global(), summary).read();
    if (current == null) {
      return Timestamps.MAX;
    }
    return current.exact() ? current.min() : rebuild(s, holdOf);
  }

  /** Records that one window's hold changed. */
  void changed(StateInternals s, Change change, Function<BoundedWindow, OptionalLong> holdOf) {
    changed(s, List.of(change), holdOf);
  }

  /**
   * Records the changes of several windows' holds, made together (each window at most once); the
   * hold cells must already hold the new values.
   */
  void changed(
      StateInternals s, List<Change> changes, Function<BoundedWindow, OptionalLong> holdOf) {
    ValueState<Summary> cell = s.state(StateNamespace.global(), summary);
    Summary old = cell.read();
    Summary current = old == null ? EMPTY : old;
    boolean exact = current.exact();
    long min = current.min();
    int live = current.live();
    int entries = current.entries();
    boolean touched = false;
    for (Change c : changes) {
      OptionalLong before = c.before();
      OptionalLong after = c.after();
      if (before.isEmpty() && after.isEmpty()
          || before.isPresent() && after.isPresent() && before.getAsLong() == after.getAsLong()) {
        continue;
      }
      touched = true;
      if (before.isEmpty()) {
        live++;
        entries++;
        s.state(StateNamespace.global(), windows).add(c.window());
      } else if (after.isEmpty()) {
        live--;
      }
      if (exact) {
        boolean heldTheMinimum = before.isPresent() && before.getAsLong() == min;
        if (heldTheMinimum && (after.isEmpty() || after.getAsLong() > min)) {
          exact = false; // the earliest hold may have gone: recompute when next asked
        } else if (after.isPresent()) {
          min = Math.min(min, after.getAsLong());
        }
      }
    }
    if (!touched) {
      return;
    }
    if (live <= 0) {
      cell.clear();
      s.state(StateNamespace.global(), windows).clear();
    } else if (entries > 2 * live + 16) {
      rebuild(s, holdOf);
    } else {
      cell.write(new Summary(exact, exact ? min : Timestamps.MAX, live, entries));
    }
  }

  /** Recomputes the summary from the bag, keeping only windows that still hold something. */
  private long rebuild(StateInternals s, Function<BoundedWindow, OptionalLong> holdOf) {
    BagState<BoundedWindow> bag = s.state(StateNamespace.global(), windows);
    List<BoundedWindow> listed = bag.read();
    Set<BoundedWindow> held = new LinkedHashSet<>();
    long min = Timestamps.MAX;
    for (BoundedWindow w : listed) {
      if (held.contains(w)) {
        continue;
      }
      OptionalLong hold = holdOf.apply(w);
      if (hold.isPresent()) {
        held.add(w);
        min = Math.min(min, hold.getAsLong());
      }
    }
    ValueState<Summary> cell = s.state(StateNamespace.global(), summary);
    if (held.isEmpty()) {
      cell.clear();
      bag.clear();
      return Timestamps.MAX;
    }
    if (held.size() != listed.size()) {
      bag.clear();
      held.forEach(bag::add);
    }
    cell.write(new Summary(true, min, held.size(), held.size()));
    return min;
  }

  /** Stores a {@link Summary} as a flag, a long and two ints. */
  private enum SummaryCodec implements StateCodec<Summary> {
    INSTANCE;

    @Override
    public void encode(Summary value, DataOutput out) throws IOException {
      out.writeBoolean(value.exact());
      out.writeLong(value.min());
      out.writeInt(value.live());
      out.writeInt(value.entries());
    }

    @Override
    public Summary decode(DataInput in) throws IOException {
      return new Summary(in.readBoolean(), in.readLong(), in.readInt(), in.readInt());
    }
  }
}
