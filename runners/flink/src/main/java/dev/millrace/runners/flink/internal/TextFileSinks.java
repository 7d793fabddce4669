package dev.millrace.runners.flink.internal;

import dev.millrace.internal.TextFileSinkSpec;
import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.ExecutionGraph;
import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Finds text-file writes in a planned pipeline and, in STREAMING mode, replaces each by the
 * two-phase {@link TextFileSink}. A write is recognised by its first step's DoFn, which implements
 * {@link TextFileSinkSpec.Provider}; every step under the same composite (its full name starts
 * with the composite's name and a '/') belongs to the write's portable expansion and is not
 * translated. In BATCH mode the expansion runs as on every other runner (its final step renames
 * the files once all input has been written).
 */
final class TextFileSinks {
  private TextFileSinks() {}

  /**
   * The first steps of the text writes that a sink replaces in this job. Marks every step of
   * those writes, the first ones included, as done so the translator skips them.
   */
  static List<ParDoStep> claim(
      ExecutionGraph graph, StreamExecutionEnvironment env, Set<ExecutableStep> done) {
    if (env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE) == RuntimeExecutionMode.BATCH) {
      return List.of();
    }
    List<ParDoStep> entries = new ArrayList<>();
    for (ExecutableStep s : graph.steps()) {
      if (s instanceof ParDoStep p && p.parDo().getFn() instanceof TextFileSinkSpec.Provider) {
        entries.add(p);
        String composite = compositeOf(p.name());
        for (ExecutableStep other : graph.steps()) {
          if (other == p || (composite != null && other.name().startsWith(composite))) {
            done.add(other);
          }
        }
      }
    }
    return entries;
  }

  /** Writes {@code input} with the sink described by the DoFn of {@code entry}. */
  static DataStreamSink<WindowedValue<Object>> write(
      DataStream<WindowedValue<Object>> input, ParDoStep entry, String uid) {
    TextFileSinkSpec spec = ((TextFileSinkSpec.Provider) entry.parDo().getFn()).textFileSink();
    String name = compositeOf(entry.name());
    name = name == null ? entry.name() : name.substring(0, name.length() - 1);
    DataStream<WindowedValue<Object>> in = input;
    if (spec.numShards() > 0) {
      in = input.rebalance();
    }
    DataStreamSink<WindowedValue<Object>> sink =
        in.sinkTo(new TextFileSink(spec)).name(name).uid(uid);
    if (spec.numShards() > 0) {
      sink.setParallelism(spec.numShards());
    }
    return sink;
  }

  /**
   * The temporary directories of the text writes a sink replaces in a STREAMING job: once the
   * job has finished, every part in them was committed, and what is left (parts of failed
   * attempts) can go.
   */
  static List<java.nio.file.Path> tempDirectories(ExecutionGraph graph) {
    List<java.nio.file.Path> dirs = new ArrayList<>();
    for (ExecutableStep s : graph.steps()) {
      if (s instanceof ParDoStep p && p.parDo().getFn() instanceof TextFileSinkSpec.Provider t) {
        dirs.add(java.nio.file.Path.of(t.textFileSink().tempDirectory()));
      }
    }
    return dirs;
  }

  /** The composite's name followed by '/', or null for a top-level step. */
  private static String compositeOf(String stepName) {
    int slash = stepName.lastIndexOf('/');
    return slash < 0 ? null : stepName.substring(0, slash + 1);
  }
}
