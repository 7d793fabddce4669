package dev.millrace.compliance.differential;

import dev.millrace.Pipeline;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.differential.StreamBranch.Grouping;
import dev.millrace.compliance.differential.StreamBranch.SideInput;
import dev.millrace.compliance.differential.StreamBranch.WindowSpec;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Flatten;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.View;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import dev.millrace.values.PCollectionView;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.SlidingWindows;
import dev.millrace.windowing.WindowFn;
import java.time.Duration;
import java.util.List;

/**
 * Builds a {@link StreamBatch} as ONE pipeline: one TestStream (the Flink runner supports virtual
 * processing time only with a single TestStream) read by every branch independently; each branch
 * writes its captured panes to the sink under its own index.
 */
final class StreamPipelineBuilder {
  private StreamPipelineBuilder() {}

  /** Adds the batch's TestStream and branches to {@code p}, capturing into {@code sinkId}. */
  static void build(Pipeline p, StreamBatch batch, String sinkId) {
    PCollection<KV<String, Long>> source = p.apply("Script", batch.script().toTestStream());
    for (int i = 0; i < batch.branches().size(); i++) {
      branch(p, source, batch.branches().get(i), "B" + i + "_", sinkId, i);
    }
  }

  private static void branch(Pipeline p, PCollection<KV<String, Long>> source, StreamBranch b,
      String prefix, String sinkId, int index) {
    PCollection<KV<String, Long>> cur = elementWise(source, b.pre(), prefix + "pre");
    cur = cur.apply(prefix + "Window", window(b.window()));
    cur = group(cur, b.grouping(), prefix + "G1", new PaneSink.Target(sinkId, index, "g1"));
    cur = elementWise(cur, b.post(), prefix + "post");
    if (b.sideInput() != null) {
      cur = sideInput(p, cur, b.sideInput(), prefix + "Side");
    }
    cur = cur.apply(prefix + "Out", ParDo.of(new PaneSink.CaptureFn(
        new PaneSink.Target(sinkId, index, "out")))).setCoder(PipelineBuilder.KV_CODER);
    if (b.regroup() != null) {
      group(cur, b.regroup(), prefix + "G2", new PaneSink.Target(sinkId, index, "g2"));
    }
  }

  private static PCollection<KV<String, Long>> elementWise(PCollection<KV<String, Long>> in,
      List<Step> steps, String prefix) {
    PCollection<KV<String, Long>> cur = in;
    int n = 0;
    for (Step step : steps) {
      String name = prefix + (n++) + "_" + step.getClass().getSimpleName();
      if (step instanceof Step.FlattenWithBranch f) {
        PCollection<KV<String, Long>> other = cur.apply(name + "_branch",
            ParDo.of(new PipelineBuilder.ElementFn(new Step.MapValues(1, f.add()))))
            .setCoder(PipelineBuilder.KV_CODER);
        cur = PCollectionList.of(cur).and(other).apply(name, Flatten.pCollections());
      } else {
        cur = cur.apply(name, ParDo.of(new PipelineBuilder.ElementFn(step)))
            .setCoder(PipelineBuilder.KV_CODER);
      }
    }
    return cur;
  }

  static Window<KV<String, Long>> window(WindowSpec w) {
    WindowFn<?> fn = switch (w.kind()) {
      case FIXED -> FixedWindows.of(Duration.ofMillis(w.sizeMillis()));
      case SLIDING -> SlidingWindows.of(Duration.ofMillis(w.sizeMillis()))
          .every(Duration.ofMillis(w.periodMillis()));
      case SESSIONS -> Sessions.withGapDuration(Duration.ofMillis(w.sizeMillis()));
      case GLOBAL -> GlobalWindows.of();
    };
    Window<KV<String, Long>> window = Window.<KV<String, Long>>into(fn).triggering(w.trigger());
    window = w.accumulating() ? window.accumulatingFiredPanes() : window.discardingFiredPanes();
    window = window.withAllowedLateness(Duration.ofMillis(w.latenessMillis()));
    if (w.combiner() != null) {
      window = window.withTimestampCombiner(w.combiner());
    }
    if (w.closing() != null) {
      window = window.withClosingBehavior(w.closing());
    }
    if (w.onTime() != null) {
      window = window.withOnTimeBehavior(w.onTime());
    }
    return window;
  }

  private static PCollection<KV<String, Long>> group(PCollection<KV<String, Long>> in,
      Grouping g, String name, PaneSink.Target target) {
    return switch (g) {
      case GROUP_BY_KEY -> in.apply(name, GroupByKey.<String, Long>create())
          .apply(name + "_capture", ParDo.of(new PaneSink.CaptureGroupFn(target)))
          .setCoder(PipelineBuilder.KV_CODER);
      case SUM -> capture(in.apply(name, Combine.<String, Long, Long>perKey(Sum.ofLongs()))
          .setCoder(PipelineBuilder.KV_CODER), name, target);
      case COUNT -> capture(in.apply(name, Count.<String, Long>perKey())
          .setCoder(PipelineBuilder.KV_CODER), name, target);
    };
  }

  private static PCollection<KV<String, Long>> capture(PCollection<KV<String, Long>> in,
      String name, PaneSink.Target target) {
    return in.apply(name + "_capture", ParDo.of(new PaneSink.CaptureFn(target)))
        .setCoder(PipelineBuilder.KV_CODER);
  }

  private static PCollection<KV<String, Long>> sideInput(Pipeline p,
      PCollection<KV<String, Long>> in, SideInput s, String name) {
    PCollection<Long> values =
        p.apply(name + "_values", Create.of(s.values()).withCoder(VarLongCoder.of()));
    PCollectionView<?> view = s.sumView()
        ? values.apply(name + "_view", Combine.globally(Sum.ofLongs()).asSingletonView())
        : values.apply(name + "_view", View.<Long>asList());
    return in.apply(name, ParDo.of(new PipelineBuilder.SideInputFn(view)).withSideInputs(view))
        .setCoder(PipelineBuilder.KV_CODER);
  }
}
