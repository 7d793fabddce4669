package dev.millrace.runners.microbatch;

import dev.millrace.Pipeline;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.windowing.FixedWindows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * The job the unbounded kill-and-restart test runs in a child JVM: an unbounded (but finishing)
 * {@code GenerateSequence} of 0..N-1, value {@code i} at event time {@code i} seconds, keyed by
 * {@code i % 50}, summed per key in one-minute windows that fire as the source's watermark
 * passes them, each pane written to its own file. A little slow on purpose (SLEEP_MILLIS per
 * element), so kills land mid-run.
 *
 * <p>The sink is a DoFn writing one file per pane, so that every pane can be checked on its own
 * (TextIO's per-batch files are checked by {@link TextSinkKillAndRestartTest}); it is idempotent:
 * a pane re-emitted by the replay of an uncommitted batch rewrites its file with the same line,
 * while a pane whose content differs from an earlier emission (double counting after a restart)
 * or a second pane of a window is recorded in a {@code conflict-*} file.
 *
 * <p>Arguments: {@code N OUTPUT_DIR SLEEP_MILLIS FLAGS...} (flags for the runner).
 */
public final class UnboundedCheckpointedJob {
  private UnboundedCheckpointedJob() {}

  public static void main(String[] args) {
    long n = Long.parseLong(args[0]);
    String output = args[1];
    long sleep = Long.parseLong(args[2]);
    String[] flags = java.util.Arrays.copyOfRange(args, 3, args.length);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(flags).create());
    p.apply(GenerateSequence.from(0).to(n)
            .withRate(1_000_000, Duration.ofSeconds(1))
            .withTimestampFn(i -> Instant.ofEpochSecond(i)))
        .apply("Key", ParDo.of(new DoFn<Long, KV<String, Long>>() {
          @Override
          public void processElement(ProcessContext c) throws Exception {
            if (sleep > 0) {
              Thread.sleep(sleep);
            }
            c.output(KV.of("k" + (c.element() % 50), c.element()));
          }
        }))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(Sum.longsPerKey())
        .apply("WriteIdempotently", ParDo.of(new IdempotentFileSink(Path.of(output))));
    p.run().waitUntilFinish();
  }

  /** Writes each pane to a file named by key and window; see the class comment. */
  static final class IdempotentFileSink extends DoFn<KV<String, Long>, Void> {
    private final String dir;

    IdempotentFileSink(Path dir) {
      this.dir = dir.toString();
    }

    @Override
    public void processElement(ProcessContext c) throws IOException {
      String name = c.element().getKey() + "_"
          + ((dev.millrace.windowing.IntervalWindow) c.window()).start().getEpochSecond();
      String line = c.element().getKey() + " " + c.window() + " " + c.element().getValue() + " "
          + c.pane().timing() + " " + c.pane().index();
      Path file = Path.of(dir).resolve(name);
      Files.createDirectories(file.getParent());
      if (Files.exists(file) && !Files.readString(file).equals(line)) {
        Files.writeString(Path.of(dir).resolve("conflict-" + name + "-" + System.nanoTime()),
            line + " (before: " + Files.readString(file) + ")", StandardCharsets.UTF_8);
      }
      Path temp = Path.of(dir).resolve(".tmp-" + name + "-" + Thread.currentThread().getId());
      Files.writeString(temp, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
