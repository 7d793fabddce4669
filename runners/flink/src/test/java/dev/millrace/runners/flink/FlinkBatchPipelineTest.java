package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.PipelineExecutionException;
import dev.millrace.PipelineResult;
import dev.millrace.metrics.MetricQueryResults;
import dev.millrace.metrics.MetricResult;
import dev.millrace.metrics.Metrics;
import dev.millrace.metrics.MetricsFilter;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.View;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionTuple;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.TupleTag;
import dev.millrace.values.TupleTagList;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bounded pipelines on a real Flink MiniCluster (one TaskManager, two slots, parallelism 2, so
 * every GroupByKey is a real shuffle), in Flink's BATCH execution mode.
 */
class FlinkBatchPipelineTest implements Serializable {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final String[] FLAGS = {"--runner=flink", "--parallelism=2"};

  @RegisterExtension
  final transient TestPipeline p =
      TestPipeline.fromOptions(PipelineOptionsFactory.fromArgs(FLAGS).create());

  static final class SplitWords extends DoFn<String, String> {
    @Override
    public void processElement(ProcessContext c) {
      for (String w : c.element().split("\\s+")) {
        if (!w.isEmpty()) {
          c.output(w);
        }
      }
    }
  }

  static final class Format extends DoFn<KV<String, Long>, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getKey() + "=" + c.element().getValue());
    }
  }

  @Test
  void wordCountCountsEveryWordExactlyOnce() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      lines.add("the quick fox " + (i % 7 == 0 ? "jumps" : "") + " w" + (i % 10));
    }
    PCollection<String> counts = p.apply(Create.of(lines))
        .apply("Split", ParDo.of(new SplitWords()))
        .apply(Count.perElement())
        .apply("Format", ParDo.of(new Format()));
    List<String> expected = new ArrayList<>(List.of("the=500", "quick=500", "fox=500", "jumps=72"));
    for (int d = 0; d < 10; d++) {
      expected.add("w" + d + "=50");
    }
    PAssert.that(counts).containsInAnyOrder(expected);
    p.run();
  }

  static final class KeyByLength extends DoFn<String, KV<Integer, String>> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(c.element().length(), c.element()));
    }
  }

  static final class CountValues extends DoFn<KV<Integer, Iterable<String>>, KV<Integer, Long>> {
    @Override
    public void processElement(ProcessContext c) {
      long n = 0;
      for (String ignored : c.element().getValue()) {
        n++;
      }
      c.output(KV.of(c.element().getKey(), n));
    }
  }

  @Test
  void groupByKeyGroupsAllValuesOfAKey() {
    List<String> words = IntStream.range(0, 3000).mapToObj(i -> "w" + i).toList();
    PCollection<KV<Integer, Long>> sizes = p.apply(Create.of(words))
        .apply(ParDo.of(new KeyByLength()))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new CountValues()));
    List<KV<Integer, Long>> expected = words.stream()
        .collect(Collectors.groupingBy(String::length, Collectors.counting()))
        .entrySet().stream().map(e -> KV.of(e.getKey(), e.getValue())).toList();
    PAssert.that(sizes).containsInAnyOrder(expected);
    p.run();
  }

  static final class Scale extends DoFn<Long, Long> {
    private final PCollectionView<Long> total;

    Scale(PCollectionView<Long> total) {
      this.total = total;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element() * 1000 + c.sideInput(total));
    }
  }

  @Test
  void sideInputIsSeenByEveryElement() {
    PCollection<Long> numbers = p.apply("Numbers", Create.of(1L, 2L, 3L, 4L));
    PCollectionView<Long> total = numbers.apply(Sum.longsGlobally()).apply(View.asSingleton());
    PCollection<Long> scaled = p.apply("Main", Create.of(1L, 2L, 3L))
        .apply(ParDo.of(new Scale(total)).withSideInputs(total));
    PAssert.that(scaled).containsInAnyOrder(1010L, 2010L, 3010L);
    p.run();
  }

  static final TupleTag<Long> EVEN = new TupleTag<>() {};
  static final TupleTag<String> ODD = new TupleTag<>() {};

  static final class SplitParity extends DoFn<Long, Long> {
    @Override
    public void processElement(ProcessContext c) {
      if (c.element() % 2 == 0) {
        c.output(c.element());
      } else {
        c.output(ODD, "odd" + c.element());
      }
    }
  }

  @Test
  void additionalOutputsReachTheirOwnCollections() {
    PCollectionTuple parts = p.apply(Create.of(1L, 2L, 3L, 4L, 5L))
        .apply(ParDo.of(new SplitParity()).withOutputTags(EVEN, TupleTagList.of(ODD)));
    PAssert.that(parts.get(EVEN)).containsInAnyOrder(2L, 4L);
    PAssert.that(parts.get(ODD)).containsInAnyOrder("odd1", "odd3", "odd5");
    p.run();
  }

  static final class CountingFn extends DoFn<Long, Long> {
    @Override
    public void processElement(ProcessContext c) {
      Metrics.counter(CountingFn.class, "seen").inc();
      Metrics.distribution(CountingFn.class, "values").update(c.element());
      c.output(c.element());
    }
  }

  @Test
  void metricsOfAllParallelInstancesReachThePipelineResult() {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.fromArgs(FLAGS).create());
    pipeline.apply(Create.of(LongStreamHolder.range(1, 101)))
        .apply("Counting", ParDo.of(new CountingFn()));
    PipelineResult result = pipeline.run();
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.all());
    assertThat(metrics.counters()).extracting(MetricResult::attempted).containsExactly(100L);
    assertThat(metrics.counters().get(0).key().stepName()).isEqualTo("Counting");
    assertThat(metrics.distributions().get(0).attempted().sum()).isEqualTo(5050L);
    assertThat(metrics.distributions().get(0).attempted().max()).isEqualTo(100L);
  }

  static final class FailOnThree extends DoFn<Long, Long> {
    @Override
    public void processElement(ProcessContext c) {
      if (c.element() == 3L) {
        throw new IllegalStateException("three is not allowed");
      }
      c.output(c.element());
    }
  }

  @Test
  void userExceptionSurfacesWithStepAndElement() {
    Pipeline pipeline = Pipeline.create(PipelineOptionsFactory.fromArgs(FLAGS).create());
    pipeline.apply(Create.of(1L, 2L, 3L, 4L)).apply("Picky", ParDo.of(new FailOnThree()));
    PipelineResult result = pipeline.run();
    assertThatThrownBy(result::waitUntilFinish)
        .isInstanceOf(PipelineExecutionException.class)
        .hasMessageContaining("Picky")
        .hasMessageContaining("element 3")
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("three is not allowed");
    assertThat(result.getState()).isEqualTo(PipelineResult.State.FAILED);
  }

  /** Long ranges as lists. */
  static final class LongStreamHolder {
    static List<Long> range(long from, long to) {
      List<Long> out = new ArrayList<>();
      for (long i = from; i < to; i++) {
        out.add(i);
      }
      return out;
    }
  }
}
