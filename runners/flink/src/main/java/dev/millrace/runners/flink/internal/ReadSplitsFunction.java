package dev.millrace.runners.flink.internal;

import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.sources.BoundedReader;
import dev.millrace.sources.BoundedSource;
import dev.millrace.windowing.WindowedValue;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Reads the splits of a {@link BoundedSource}: the planner splits the source on the client, Flink
 * distributes the splits over the parallel instances, and each instance reads its splits here.
 * Elements are in the global window at the reader's timestamps.
 */
public final class ReadSplitsFunction
    implements FlatMapFunction<BoundedSource<Object>, WindowedValue<Object>> {
  private static final long serialVersionUID = 1L;

  private final String stepName;
  private final PipelineOptions options;

  public ReadSplitsFunction(String stepName, PipelineOptions options) {
    this.stepName = stepName;
    this.options = options;
  }

  @Override
  public void flatMap(BoundedSource<Object> split, Collector<WindowedValue<Object>> out) {
    BoundedReader<Object> reader = call(() -> split.createReader(options), split);
    try {
      for (boolean more = call(reader::start, split); more; more = call(reader::advance, split)) {
        WindowedValue<Object> element = call(() -> WindowedValue.timestampedValueInGlobalWindow(
            reader.getCurrent(), reader.getCurrentTimestampMillis()), split);
        // Outside of call(): failures of downstream (chained) steps carry their own step name.
        out.collect(element);
      }
    } finally {
      call(() -> {
        reader.close();
        return null;
      }, split);
    }
  }

  /** Reader code that may throw. */
  private interface ReaderCall<T> {
    T call() throws Exception;
  }

  private <T> T call(ReaderCall<T> c, BoundedSource<Object> split) {
    try {
      return c.call();
    } catch (UserCodeException e) {
      throw e;
    } catch (Exception e) {
      throw UserCodeException.forStep(stepName, "reading " + split, e);
    }
  }
}
