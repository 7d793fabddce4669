package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.metrics.MetricQueryResults;
import dev.millrace.metrics.MetricResult;
import dev.millrace.metrics.Metrics;
import dev.millrace.metrics.MetricsFilter;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Millrace metrics of a job are Flink metrics of its operators: a Flink metric reporter
 * configured on the cluster sees each counter, gauge and distribution under
 * {@code ...millrace.<step>.<namespace>.<name>}, with the values user code reported (summed over
 * the parallel instances here), while {@code PipelineResult.metrics()} keeps working.
 */
class FlinkMetricsReporterTest {
  /** Every metric any reporter instance was told about, by its full identifier. */
  static final Map<String, Metric> SEEN = new ConcurrentHashMap<>();

  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setConfiguration(Configuration.fromMap(Map.of(
              "metrics.reporter.recording.factory.class", RecordingFactory.class.getName())))
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  /** Creates {@link Recording} reporters (Flink instantiates it by class name). */
  public static final class RecordingFactory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new Recording();
    }
  }

  /** Remembers every metric registered, and keeps it after it is unregistered. */
  static final class Recording implements MetricReporter {
    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
      SEEN.put(group.getMetricIdentifier(name), metric);
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}
  }

  static final class Measured extends DoFn<Long, Long> {
    @Override
    public void processElement(ProcessContext c) {
      Metrics.counter("probe", "seen").inc();
      Metrics.distribution("probe", "values").update(c.element());
      Metrics.gauge("probe", "last").set(7);
      c.output(c.element());
    }
  }

  private static List<Metric> seen(String suffix) {
    return SEEN.entrySet().stream()
        .filter(e -> e.getKey().contains(".millrace.Measure.") && e.getKey().endsWith(suffix))
        .map(Map.Entry::getValue)
        .collect(Collectors.toList());
  }

  private static long sumOfGauges(String suffix) {
    return seen(suffix).stream().mapToLong(m -> ((Number) ((Gauge<?>) m).getValue()).longValue())
        .sum();
  }

  @Test
  void countersDistributionsAndGaugesReachFlinkReportersAndThePipelineResult() {
    Pipeline pipeline = Pipeline.create(
        PipelineOptionsFactory.fromArgs("--runner=flink", "--parallelism=2").create());
    pipeline.apply(Create.of(LongStream.rangeClosed(1, 200).boxed().toList()))
        .apply("Measure", ParDo.of(new Measured()));
    PipelineResult result = pipeline.run();
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    List<Metric> counters = seen(".probe.seen");
    assertThat(counters)
        .as("the reporter's metrics named like Millrace's: %s", SEEN.keySet().stream()
            .filter(k -> k.contains("millrace") || k.contains("probe")).toList())
        .isNotEmpty().allMatch(m -> m instanceof Counter);
    assertThat(counters.stream().mapToLong(m -> ((Counter) m).getCount()).sum()).isEqualTo(200L);
    assertThat(sumOfGauges(".probe.values.count")).isEqualTo(200L);
    assertThat(sumOfGauges(".probe.values.sum")).isEqualTo(20_100L);
    assertThat(seen(".probe.values.max").stream()
        .mapToLong(m -> ((Number) ((Gauge<?>) m).getValue()).longValue()).max())
        .hasValue(200L);
    assertThat(seen(".probe.last")).isNotEmpty()
        .allMatch(m -> ((Number) ((Gauge<?>) m).getValue()).longValue() == 7L);

    MetricQueryResults fromResult = result.metrics().queryMetrics(MetricsFilter.all());
    assertThat(fromResult.counters()).extracting(MetricResult::attempted).containsExactly(200L);
  }
}
