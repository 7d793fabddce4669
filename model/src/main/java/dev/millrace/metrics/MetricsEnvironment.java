package dev.millrace.metrics;

/**
 * The per-thread link between user code that reports metrics and the runner's container for the
 * step that is running. Runners call {@link #setCurrentContainer} around user code; metrics
 * reported where no container is installed are discarded, after a single warning.
 */
public final class MetricsEnvironment {
  private static final ThreadLocal<Holder> CURRENT = ThreadLocal.withInitial(Holder::new);
  private static volatile boolean warned;

  private MetricsEnvironment() {}

  /** A mutable per-thread slot; runners keep a reference to avoid a thread-local look-up per call. */
  public static final class Holder {
    /** The container for the step now running on this thread, or null. */
    public MetricsContainer container;
  }

  /** This thread's slot. */
  public static Holder holder() {
    return CURRENT.get();
  }

  /** Installs a container for this thread and returns the previous one. */
  public static MetricsContainer setCurrentContainer(MetricsContainer container) {
    Holder h = CURRENT.get();
    MetricsContainer previous = h.container;
    h.container = container;
    return previous;
  }

  /** The container installed for this thread, or null. */
  public static MetricsContainer getCurrentContainer() {
    MetricsContainer c = CURRENT.get().container;
    if (c == null && !warned) {
      warned = true;
      org.slf4j.LoggerFactory.getLogger(MetricsEnvironment.class)
          .warn("A metric was reported outside of a running step; it is discarded.");
    }
    return c;
  }
}
