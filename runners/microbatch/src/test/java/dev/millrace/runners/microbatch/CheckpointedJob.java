package dev.millrace.runners.microbatch;

import dev.millrace.Pipeline;
import dev.millrace.io.TextIO;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The job the kill-and-restart test runs in a child JVM: numbers 0..N-1, each keyed by
 * {@code i % 50} at timestamp {@code i} seconds, summed per key in one-minute windows, written
 * with TextIO. A little slow on purpose (1 ms per element), so kills land mid-run.
 *
 * <p>Arguments: {@code N OUTPUT_PREFIX SLEEP_MILLIS FLAGS...} (flags for the runner).
 */
public final class CheckpointedJob {
  private CheckpointedJob() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    String output = args[1];
    long sleep = Long.parseLong(args[2]);
    String[] flags = java.util.Arrays.copyOfRange(args, 3, args.length);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(flags).create());
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      numbers.add(i);
    }
    p.apply(Create.of(numbers))
        .apply("KeyAndStamp", ParDo.of(new DoFn<Integer, KV<String, Long>>() {
          @Override
          public void processElement(ProcessContext c) throws Exception {
            if (sleep > 0) {
              Thread.sleep(sleep);
            }
            int i = c.element();
            c.outputWithTimestamp(KV.of("k" + (i % 50), (long) i), Instant.ofEpochSecond(i));
          }
        }))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(Sum.longsPerKey())
        .apply("Format", ParDo.of(new DoFn<KV<String, Long>, String>() {
          @Override
          public void processElement(ProcessContext c) {
            c.output(c.element().getKey() + " " + c.window() + " " + c.element().getValue());
          }
        }))
        .apply("Rewindow", Window.into(GlobalWindows.of()))
        .apply(TextIO.write().to(output).withNumShards(3));
    p.run().waitUntilFinish();
  }

}
