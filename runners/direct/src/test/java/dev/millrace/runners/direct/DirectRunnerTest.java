package dev.millrace.runners.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.PipelineExecutionException;
import dev.millrace.PipelineResult;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.metrics.Counter;
import dev.millrace.metrics.MetricQueryResults;
import dev.millrace.metrics.Metrics;
import dev.millrace.metrics.MetricsFilter;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.CombineFn;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.Flatten;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.View;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import dev.millrace.values.PCollectionTuple;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.TupleTag;
import dev.millrace.values.TupleTagList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Behaviour of the direct runner on bounded pipelines: results, parallelism, errors, checks, metrics. */
class DirectRunnerTest implements java.io.Serializable {

  private static Pipeline pipeline(String... flags) {
    List<String> all = new ArrayList<>(List.of("--runner=direct"));
    all.addAll(List.of(flags));
    return Pipeline.create(PipelineOptionsFactory.fromArgs(all.toArray(new String[0])).create());
  }

  static final class Upper extends DoFn<String, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().toUpperCase());
    }
  }

  static final class KeyByLength extends DoFn<String, KV<Long, String>> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of((long) c.element().length(), c.element()));
    }
  }

  @Test
  void parDoAndGroupByKeyGiveEveryElementOnce() {
    Pipeline p = pipeline();
    List<String> words = IntStream.range(0, 5000).mapToObj(i -> "w" + i).toList();
    PCollection<KV<Long, Iterable<String>>> grouped = p.apply(Create.of(words))
        .apply(ParDo.of(new Upper()))
        .apply(ParDo.of(new KeyByLength()))
        .apply(GroupByKey.create());
    String id = Collect.of(grouped);
    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    Map<Long, List<String>> byKey = Collect.<KV<Long, Iterable<String>>>results(id).stream()
        .collect(Collectors.toMap(KV::getKey, kv -> {
          List<String> l = new ArrayList<>();
          kv.getValue().forEach(l::add);
          return l;
        }));
    Map<Long, List<String>> expected = words.stream().map(String::toUpperCase)
        .collect(Collectors.groupingBy(w -> (long) w.length()));
    assertThat(byKey.keySet()).isEqualTo(expected.keySet());
    expected.forEach((k, v) -> assertThat(byKey.get(k)).containsExactlyInAnyOrderElementsOf(v));
  }

  static final class SumFn extends CombineFn<Long, long[], Long> {
    @Override
    public long[] createAccumulator() {
      return new long[1];
    }

    @Override
    public long[] addInput(long[] acc, Long input) {
      acc[0] += input;
      return acc;
    }

    @Override
    public long[] mergeAccumulators(Iterable<long[]> accs) {
      long[] out = new long[1];
      accs.forEach(a -> out[0] += a[0]);
      return out;
    }

    @Override
    public Long extractOutput(long[] acc) {
      return acc[0];
    }

    @Override
    public dev.millrace.coders.Coder<long[]> getAccumulatorCoder(
        dev.millrace.coders.CoderRegistry r, dev.millrace.coders.Coder<Long> in) {
      return dev.millrace.coders.DelegateCoder.of(VarLongCoder.of(), a -> a[0], l -> new long[] {l});
    }
  }

  @Test
  void liftedCombinePerKeyAndGloballyAreExact() {
    Pipeline p = pipeline("--targetParallelism=3");
    List<KV<String, Long>> input = LongStream.range(0, 20_000)
        .mapToObj(i -> KV.of("k" + (i % 7), i)).toList();
    PCollection<KV<String, Long>> kvs = p.apply(Create.of(input));
    String perKey = Collect.of(kvs.apply(Combine.perKey(new SumFn())));
    String global = Collect.of(p.apply("Numbers", Create.of(LongStream.range(1, 101).boxed().toList()))
        .apply(Combine.globally(new SumFn())));
    p.run().waitUntilFinish();
    Map<String, Long> expected = input.stream()
        .collect(Collectors.groupingBy(KV::getKey, Collectors.summingLong(KV::getValue)));
    assertThat(Collect.<KV<String, Long>>results(perKey).stream()
        .collect(Collectors.toMap(KV::getKey, KV::getValue))).isEqualTo(expected);
    assertThat(Collect.<Long>results(global)).containsExactly(5050L);
  }

  @Test
  void combineGloballyOfEmptyInputGivesTheDefault() {
    Pipeline p = pipeline();
    String id = Collect.of(p.apply(Create.empty(VarLongCoder.of())).apply(Combine.globally(new SumFn())));
    p.run().waitUntilFinish();
    assertThat(Collect.<Long>results(id)).containsExactly(0L);
  }

  @Test
  void sideInputsAndMultipleOutputs() {
    Pipeline p = pipeline();
    PCollectionView<Long> threshold = p.apply("Threshold", Create.of(3L)).apply(View.asSingleton());
    TupleTag<Long> small = new TupleTag<>() {};
    TupleTag<String> big = new TupleTag<>() {};
    PCollectionTuple out = p.apply(Create.of(1L, 2L, 3L, 4L, 5L))
        .apply(ParDo.of(new DoFn<Long, Long>() {
          @Override
          public void processElement(ProcessContext c) {
            if (c.element() < c.sideInput(threshold)) {
              c.output(c.element());
            } else {
              c.output(big, "big" + c.element());
            }
          }
        }).withSideInputs(threshold).withOutputTags(small, TupleTagList.of(big)));
    String smallId = Collect.of(out.get(small));
    String bigId = Collect.of(out.get(big));
    p.run().waitUntilFinish();
    assertThat(Collect.<Long>results(smallId)).containsExactlyInAnyOrder(1L, 2L);
    assertThat(Collect.<String>results(bigId)).containsExactlyInAnyOrder("big3", "big4", "big5");
  }

  @Test
  void flattenMergesInputs() {
    Pipeline p = pipeline();
    PCollection<String> a = p.apply("A", Create.of("a1", "a2"));
    PCollection<String> b = p.apply("B", Create.of("b1"));
    String id = Collect.of(PCollectionList.of(a).and(b).apply(Flatten.pCollections()));
    p.run().waitUntilFinish();
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder("a1", "a2", "b1");
  }

  @Test
  void userExceptionNamesTheStepAndTheElement() {
    Pipeline p = pipeline();
    p.apply(Create.of("ok", "boom", "fine"))
        .apply("Explode", ParDo.of(new DoFn<String, String>() {
          @Override
          public void processElement(ProcessContext c) {
            if (c.element().equals("boom")) {
              throw new IllegalStateException("cannot handle it");
            }
            c.output(c.element());
          }
        }));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .isInstanceOf(PipelineExecutionException.class)
        .hasMessageContaining("Step 'Explode'")
        .hasMessageContaining("boom")
        .hasMessageContaining("cannot handle it")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  static final class MutatingFn extends DoFn<KV<String, List<String>>, KV<String, List<String>>> {
    @Override
    public void processElement(ProcessContext c) {
      c.element().getValue().add("mutated");
      c.output(c.element());
    }
  }

  @Test
  void inputMutationIsDetectedByDefaultAndAllowedWhenSwitchedOff() {
    for (boolean check : new boolean[] {true, false}) {
      Pipeline p = pipeline("--enforceImmutability=" + check);
      p.apply(Create.of(KV.<String, List<String>>of("k", new ArrayList<>(List.of("v")))).withCoder(
              KvCoder.of(StringUtf8Coder.of(), dev.millrace.coders.ListCoder.of(StringUtf8Coder.of()))))
          .apply("Mutate", ParDo.of(new MutatingFn()));
      if (check) {
        assertThatThrownBy(() -> p.run().waitUntilFinish())
            .hasMessageContaining("Step 'Mutate'")
            .hasMessageContaining("modified its input");
      } else {
        assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
      }
    }
  }

  static final class ReusingFn extends DoFn<String, StringBuilder> {
    @Override
    public void processElement(ProcessContext c) {
      StringBuilder sb = new StringBuilder(c.element());
      c.output(sb);
      sb.append("-changed");
    }
  }

  @Test
  void outputMutationAfterOutputIsDetected() {
    Pipeline p = pipeline();
    PCollection<StringBuilder> out = p.apply(Create.of("x")).apply("Reuse", ParDo.of(new ReusingFn()));
    out.setCoder(dev.millrace.coders.DelegateCoder.of(
        StringUtf8Coder.of(), StringBuilder::toString, StringBuilder::new));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasMessageContaining("Step 'Reuse'")
        .hasMessageContaining("after outputting it");
  }

  @Test
  void metricsAreQueryableByStepAndName() {
    Pipeline p = pipeline();
    p.apply(Create.of(IntStream.range(0, 1000).boxed().toList()))
        .apply("CountEven", ParDo.of(new DoFn<Integer, Integer>() {
          private final Counter even = Metrics.counter("test", "even");

          @Override
          public void processElement(ProcessContext c) {
            if (c.element() % 2 == 0) {
              even.inc();
            }
            Metrics.distribution("test", "values").update(c.element());
          }
        }));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder()
        .addStep("CountEven")
        .addNameFilter(MetricsFilter.MetricNameFilter.named("test", "even")).build());
    assertThat(q.counters()).hasSize(1);
    assertThat(q.counters().get(0).attempted()).isEqualTo(500L);
    assertThat(q.counters().get(0).getStep()).isEqualTo("CountEven");
    var dist = result.metrics().allMetrics().distributions().get(0).attempted();
    assertThat(dist.count()).isEqualTo(1000);
    assertThat(dist.min()).isZero();
    assertThat(dist.max()).isEqualTo(999);
  }

  @Test
  void unknownRunnerListsTheAvailableOnes() {
    assertThatThrownBy(() -> Pipeline.create(
            PipelineOptionsFactory.fromArgs("--runner=drect").create()).run())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Unknown runner 'drect'. Did you mean 'direct'? Runners on the class path: direct (");
  }
}
