package dev.millrace.compliance.transforms;

/** Test helper: the messages of an exception and all its causes, joined. */
final class Throwables {
  private Throwables() {}

  static String allMessages(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
