package dev.millrace.runners.microbatch;

import dev.millrace.Pipeline;
import dev.millrace.io.TextIO;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.ParDo;
import java.time.Duration;
import java.time.Instant;

/**
 * The job the text-sink kill-and-restart test runs in a child JVM: an unbounded (but finishing)
 * {@code GenerateSequence} of 0..N-1 written with {@code TextIO.write()} (header {@code HEAD},
 * footer {@code FOOT}, suffix {@code .txt}), one line per number. A little slow on purpose
 * (SLEEP_MILLIS per element), so kills land mid-run.
 *
 * <p>Arguments: {@code N OUTPUT_PREFIX SLEEP_MILLIS NUM_SHARDS FLAGS...} (flags for the runner).
 */
public final class TextSinkCheckpointedJob {
  private TextSinkCheckpointedJob() {}

  public static void main(String[] args) {
    long n = Long.parseLong(args[0]);
    String output = args[1];
    long sleep = Long.parseLong(args[2]);
    int shards = Integer.parseInt(args[3]);
    String[] flags = java.util.Arrays.copyOfRange(args, 4, args.length);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(flags).create());
    p.apply(GenerateSequence.from(0).to(n)
            .withRate(1_000_000, Duration.ofSeconds(1))
            .withTimestampFn(i -> Instant.ofEpochSecond(i)))
        .apply("Format", ParDo.of(new DoFn<Long, String>() {
          @Override
          public void processElement(ProcessContext c) throws Exception {
            if (sleep > 0) {
              Thread.sleep(sleep);
            }
            c.output(String.valueOf(c.element()));
          }
        }))
        .apply("Write", TextIO.write().to(output).withSuffix(".txt").withHeader("HEAD")
            .withFooter("FOOT").withNumShards(shards));
    p.run().waitUntilFinish();
  }
}
