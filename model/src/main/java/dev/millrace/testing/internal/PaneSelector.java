package dev.millrace.testing.internal;

import com.google.common.base.Preconditions;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.GlobalWindow;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.WindowFn;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Which elements a window- or pane-specific assertion looks at: those of one window, and among
 * them those of all panes, the on-time pane, the final pane, the early panes, the late panes, the
 * early and on-time panes, or the window's only pane (which must then be both first and last).
 * The window is held encoded with the collection's window codec, and elements are matched by
 * that encoding, so windows need not be serialisable. Internal.
 */
public final class PaneSelector implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The kinds of selection, named after the {@code PAssert} methods that make them. */
  public enum Kind {
    /** Every pane of the window combined. */
    ALL_PANES("inWindow", "all panes of window %s"),
    /** The pane whose timing is ON_TIME. */
    ON_TIME("inOnTimePane", "the on-time pane of window %s"),
    /** The pane marked last. */
    FINAL("inFinalPane", "the final pane of window %s"),
    /** Every pane whose timing is EARLY. */
    EARLY("inEarlyPane", "the early panes of window %s"),
    /** Every pane whose timing is LATE. */
    LATE("inLatePane", "the late panes of window %s"),
    /** Every pane whose timing is not LATE. */
    NON_LATE("inCombinedNonLatePanes", "the early and on-time panes of window %s"),
    /** The single pane of the window; any other pane is a failure. */
    ONLY("inOnlyPane", "the only pane of window %s"),
    /** Every EARLY pane of the global window. */
    EARLY_GLOBAL("inEarlyGlobalWindowPanes", "the early panes of window %s");

    private final String method;
    private final String phrase;

    Kind(String method, String phrase) {
      this.method = method;
      this.phrase = phrase;
    }

    /** The name of the {@code PAssert} method that makes this selection. */
    public String method() {
      return method;
    }
  }

  private final Kind kind;
  private final byte[] window;
  private final String windowText;
  private final StateCodec<BoundedWindow> codec;

  private PaneSelector(
      Kind kind, byte[] window, String windowText, StateCodec<BoundedWindow> codec) {
    this.kind = kind;
    this.window = window;
    this.windowText = windowText;
    this.codec = codec;
  }

  /**
   * Selects {@code kind} in {@code window} of {@code collection}.
   *
   * @throws IllegalArgumentException if the collection's window function cannot produce windows
   *     of the given window's type
   */
  @SuppressWarnings("unchecked")
  public static PaneSelector of(Kind kind, BoundedWindow window, PCollection<?> collection) {
    Preconditions.checkNotNull(kind);
    Preconditions.checkNotNull(window,
        "%s(null): give the window to check, e.g. new IntervalWindow(start, end) or "
            + "GlobalWindow.INSTANCE", kind.method);
    WindowFn<?> fn = collection.getWindowingStrategy().windowFn();
    StateCodec<BoundedWindow> codec = (StateCodec<BoundedWindow>) fn.windowCodec();
    byte[] encoded;
    try {
      encoded = StateCodecs.toBytes(codec, window);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException(String.format(
          "%s(%s): the collection '%s' is windowed by %s, which never produces a %s. Pass one "
              + "of the windows it assigns (or re-window the collection first).",
          kind.method, window, collection.getName(), fn, window.getClass().getSimpleName()), e);
    }
    return new PaneSelector(kind, encoded, window.toString(), codec);
  }

  /** Selects the early panes of the global window of {@code collection}. */
  public static PaneSelector earlyGlobal(PCollection<?> collection) {
    WindowFn<?> fn = collection.getWindowingStrategy().windowFn();
    Preconditions.checkArgument(fn instanceof GlobalWindows,
        "inEarlyGlobalWindowPanes(): the collection '%s' is windowed by %s, not by GlobalWindows. "
            + "Use inEarlyPane(window) for the windows it assigns.", collection.getName(), fn);
    return of(Kind.EARLY_GLOBAL, GlobalWindow.INSTANCE, collection);
  }

  public Kind kind() {
    return kind;
  }

  /** Whether an element in the window encoded as {@code encodedWindow} belongs to the window. */
  boolean inWindow(byte[] encodedWindow) {
    return Arrays.equals(window, encodedWindow);
  }

  /** Whether an element of the window, in {@code pane}, is selected. */
  boolean selects(PaneInfo pane) {
    return switch (kind) {
      case ALL_PANES, ONLY -> true;
      case ON_TIME -> pane.timing() == PaneInfo.Timing.ON_TIME;
      case FINAL -> pane.isLast();
      case EARLY, EARLY_GLOBAL -> pane.timing() == PaneInfo.Timing.EARLY;
      case LATE -> pane.timing() == PaneInfo.Timing.LATE;
      case NON_LATE -> pane.timing() != PaneInfo.Timing.LATE;
    };
  }

  /** Decodes a window encoded with the collection's window codec. */
  BoundedWindow decodeWindow(byte[] encodedWindow) {
    return StateCodecs.fromBytes(codec, encodedWindow);
  }

  /** The codec the collection's windows are encoded with. */
  StateCodec<BoundedWindow> windowCodec() {
    return codec;
  }

  /** The selected window, as text. */
  public String windowText() {
    return windowText;
  }

  /** The method call that made this selection, e.g. {@code inOnTimePane([0..60))}. */
  public String method() {
    return kind == Kind.EARLY_GLOBAL ? kind.method + "()" : kind.method + "(" + windowText + ")";
  }

  /** What is selected, in words, e.g. {@code the on-time pane of window [0..60)}. */
  public String describe() {
    return String.format(kind.phrase, windowText);
  }

  @Override
  public String toString() {
    return method();
  }
}
