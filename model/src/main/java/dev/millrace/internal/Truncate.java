package dev.millrace.internal;

/** Renders values for error messages, cut to a readable length. Internal. */
public final class Truncate {
  /** The longest rendering kept in messages. */
  public static final int MAX = 200;

  private Truncate() {}

  /** {@code String.valueOf(o)}, truncated with "…(N more chars)" past {@link #MAX}. */
  public static String toString(Object o) {
    String s;
    try {
      s = o instanceof byte[] b ? java.util.Arrays.toString(b) : String.valueOf(o);
    } catch (RuntimeException e) {
      s = "<" + o.getClass().getName() + " whose toString() threw " + e + ">";
    }
    if (s.length() > MAX) {
      return s.substring(0, MAX) + "…(" + (s.length() - MAX) + " more chars)";
    }
    return s;
  }
}
