package dev.millrace.compliance.differential;

import dev.millrace.Pipeline;
import dev.millrace.options.PipelineOptionsFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link StreamBatch} as one pipeline with the given flags and returns each branch's
 * canonical panes, or the failure.
 *
 * @param flags the flags the pipeline ran with
 * @param branches the sorted canonical lines of each branch, or null when the pipeline failed
 * @param failure why the pipeline failed, or null
 * @param millis how long the run took (for the timing summary only, never asserted)
 */
record StreamRun(List<String> flags, List<List<String>> branches, RuntimeException failure,
    long millis) {
  /** Runs {@code batch} with {@code flags}. */
  static StreamRun of(StreamBatch batch, List<String> flags) {
    long start = System.nanoTime();
    String sink = PaneSink.open();
    try {
      Pipeline p = Pipeline.create(
          PipelineOptionsFactory.fromArgs(flags.toArray(new String[0])).create());
      StreamPipelineBuilder.build(p, batch, sink);
      p.run().waitUntilFinish();
      return new StreamRun(flags, PaneSink.close(sink, batch.branches().size()), null,
          (System.nanoTime() - start) / 1_000_000);
    } catch (RuntimeException e) {
      PaneSink.close(sink, 0);
      return new StreamRun(flags, null, e, (System.nanoTime() - start) / 1_000_000);
    }
  }

  /**
   * The failure message for branch {@code index} of {@code batch} (case {@code caseIndex}), where
   * {@code actual} disagrees with {@code baseline}.
   */
  static String describe(StreamBatch batch, int index, int caseIndex, String runner,
      StreamRun baseline, StreamRun actual) {
    StringBuilder sb = new StringBuilder("Streaming differential case " + caseIndex
        + " of seed " + batch.seed() + ": runner '" + runner + "' with flags " + actual.flags()
        + " disagrees with the direct runner with flags " + baseline.flags() + ".\nReplay it with -D"
        + DifferentialTest.SEED_PROPERTY + "=" + batch.seed() + " -D"
        + StreamDifferentialTest.CASE_PROPERTY + "=" + caseIndex
        + " -Dtest=StreamDifferentialTest.\nScript: " + batch.script()
        + "\nPipeline: " + batch.branches().get(index));
    List<String> expected = baseline.branches() == null ? null : baseline.branches().get(index);
    List<String> got = actual.branches() == null ? null : actual.branches().get(index);
    sb.append("\nBaseline: ").append(baseline.failure() == null ? expected
        : "FAILED " + baseline.failure());
    sb.append("\nActual:   ").append(actual.failure() == null ? got
        : "FAILED " + actual.failure());
    if (expected != null && got != null) {
      sb.append("\nMissing: ").append(Differences.minus(expected, got))
          .append("\nUnexpected: ").append(Differences.minus(got, expected));
    }
    return sb.toString();
  }

  /** Whether branch {@code index} came out the same in both runs. */
  static boolean agree(StreamRun a, StreamRun b, int index) {
    return a.failure() == null && b.failure() == null
        && a.branches().get(index).equals(b.branches().get(index));
  }

  static List<String> withFlag(List<String> flags, String flag) {
    List<String> out = new ArrayList<>(flags);
    out.add(flag);
    return List.copyOf(out);
  }
}
