package dev.millrace.compliance.differential;

import dev.millrace.Pipeline;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.Flatten;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.Values;
import dev.millrace.transforms.View;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.SlidingWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link GeneratedCase} as a pipeline with the model API, ending in an output sink. */
final class PipelineBuilder {
  static final KvCoder<String, Long> KV_CODER = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  private PipelineBuilder() {}

  /** Adds the case's steps to {@code p}; the results go to the sink named {@code sinkId}. */
  static void build(Pipeline p, GeneratedCase c, String sinkId) {
    List<TimestampedValue<KV<String, Long>>> in = new ArrayList<>();
    for (GeneratedCase.Input i : c.inputs()) {
      Instant t = Instant.ofEpochMilli(i.timestampMillis());
      in.add(TimestampedValue.of(KV.of(i.key(), i.value()), t));
    }
    PCollection<KV<String, Long>> source =
        p.apply("Source", Create.timestamped(in).withCoder(KV_CODER));
    PCollection<KV<String, Long>> cur = source;
    int n = 0;
    for (Step step : c.steps()) {
      cur = apply(source, cur, step, "S" + (n++) + "_" + step.getClass().getSimpleName());
    }
    cur.apply("Sink", ParDo.of(new OutputSink.CollectFn(sinkId)));
  }

  private static PCollection<KV<String, Long>> apply(PCollection<KV<String, Long>> source,
      PCollection<KV<String, Long>> cur, Step step, String name) {
    if (step instanceof Step.FixedWindowsInto f) {
      return cur.apply(name, Window.into(FixedWindows.of(Duration.ofMillis(f.sizeMillis()))));
    } else if (step instanceof Step.SlidingWindowsInto w) {
      return cur.apply(name, Window.into(SlidingWindows.of(Duration.ofMillis(w.sizeMillis()))
          .every(Duration.ofMillis(w.periodMillis()))));
    } else if (step instanceof Step.SessionsInto s) {
      return cur.apply(name,
          Window.into(Sessions.withGapDuration(Duration.ofMillis(s.gapMillis()))));
    } else if (step instanceof Step.GroupByKeySumAndCount) {
      return cur.apply(name, GroupByKey.<String, Long>create())
          .apply(name + "_sum", ParDo.of(new SumAndCountFn())).setCoder(KV_CODER);
    } else if (step instanceof Step.CombineSum) {
      return cur.apply(name, Combine.<String, Long, Long>perKey(Sum.ofLongs())).setCoder(KV_CODER);
    } else if (step instanceof Step.CountPerKey) {
      return cur.apply(name, Count.<String, Long>perKey()).setCoder(KV_CODER);
    } else if (step instanceof Step.FlattenWithBranch f) {
      PCollection<KV<String, Long>> branch =
          cur.apply(name + "_branch", ParDo.of(new ElementFn(new Step.MapValues(1, f.add()))))
              .setCoder(KV_CODER);
      return PCollectionList.of(cur).and(branch).apply(name, Flatten.pCollections());
    } else if (step instanceof Step.AddSideInput a) {
      PCollectionView<?> view = a.sumView()
          ? source.apply(name + "_values", Values.<Long>create())
              .apply(name + "_view", Combine.globally(Sum.ofLongs()).asSingletonView())
          : source.apply(name + "_view", View.<KV<String, Long>>asList());
      return cur.apply(name, ParDo.of(new SideInputFn(view)).withSideInputs(view))
          .setCoder(KV_CODER);
    }
    return cur.apply(name, ParDo.of(new ElementFn(step))).setCoder(KV_CODER);
  }

  /** The element-wise steps. */
  static final class ElementFn extends DoFn<KV<String, Long>, KV<String, Long>> {
    private final Step step;

    ElementFn(Step step) {
      this.step = step;
    }

    @Override
    public void processElement(ProcessContext c) {
      String k = c.element().getKey();
      long v = c.element().getValue();
      if (step instanceof Step.MapValues m) {
        c.output(KV.of(k, (v * m.mul() + m.add()) % 1000));
      } else if (step instanceof Step.RekeyByValue r) {
        c.output(KV.of(k + (v % r.buckets()), v));
      } else if (step instanceof Step.FilterValues f) {
        if (v % f.mod() != f.rem()) {
          c.output(c.element());
        }
      } else if (step instanceof Step.FlatMapCopies f) {
        for (int i = 0; i < f.copies(); i++) {
          c.output(KV.of(k, v + i));
        }
      } else if (step instanceof Step.ShiftTimestamps s) {
        c.outputWithTimestamp(c.element(), c.timestamp().plusMillis(s.deltaMillis()));
      } else {
        throw new IllegalStateException("Not an element-wise step: " + step);
      }
    }
  }

  /** Reduces a group to {@code (sum + 1000 * count) mod 100000}. */
  static final class SumAndCountFn extends DoFn<KV<String, Iterable<Long>>, KV<String, Long>> {
    @Override
    public void processElement(ProcessContext c) {
      long sum = 0;
      long count = 0;
      for (long v : c.element().getValue()) {
        sum += v;
        count++;
      }
      c.output(KV.of(c.element().getKey(), (sum + 1000 * count) % 100_000));
    }
  }

  /** Adds the side input (a sum, or the size of a list) to each value, mod 1000. */
  static final class SideInputFn extends DoFn<KV<String, Long>, KV<String, Long>> {
    private final PCollectionView<?> view;

    SideInputFn(PCollectionView<?> view) {
      this.view = view;
    }

    @Override
    public void processElement(ProcessContext c) {
      Object side = c.sideInput(view);
      long add = side instanceof List<?> list ? list.size() : (Long) side;
      c.output(KV.of(c.element().getKey(), (c.element().getValue() + add) % 1000));
    }
  }
}
