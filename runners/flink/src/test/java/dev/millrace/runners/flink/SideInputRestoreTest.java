package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.io.TextIO;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.View;
import dev.millrace.values.PCollectionView;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Side inputs survive a restore in STREAMING mode: the side input is read (and its reader done)
 * before the job fails once; after the restart from a checkpoint it is not read again, so every
 * main element processed after the restart must see the side-input values restored from the
 * checkpoint.
 */
class SideInputRestoreTest implements Serializable {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final int COUNT = 3000;
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  @TempDir
  static Path out;

  /** Outputs "element:sum of the side input"; fails once after some output was committed. */
  static final class AddSideSum extends DoFn<Long, String> {
    private final PCollectionView<List<Long>> side;
    private final String dir;

    AddSideSum(PCollectionView<List<Long>> side, String dir) {
      this.side = side;
      this.dir = dir;
    }

    @Override
    public void processElement(ProcessContext c) throws IOException {
      if (c.element() >= COUNT / 3 && !FAILED.get() && !TextFileSinkTest.committedFiles(
          Path.of(dir)).isEmpty() && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("failing once on purpose at " + c.element());
      }
      long sum = 0;
      for (long v : c.sideInput(side)) {
        sum += v;
      }
      c.output(c.element() + ":" + sum);
    }
  }

  @Test
  void sideInputValuesAreRestoredFromTheCheckpoint() throws IOException {
    FAILED.set(false);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=flink",
        "--parallelism=2", "--checkpointingInterval=100").create());
    PCollectionView<List<Long>> side =
        p.apply("Side", Create.of(1L, 2L, 3L)).apply(View.asList());
    p.apply(GenerateSequence.from(0).to(COUNT).withRate(2000, Duration.ofSeconds(1)))
        .apply(ParDo.of(new AddSideSum(side, out.toString())).withSideInputs(side))
        .apply(TextIO.write().to(out + "/lines"));

    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    assertThat(FAILED).as("the job failed once and restarted").isTrue();
    List<String> lines = new ArrayList<>();
    for (Path f : TextFileSinkTest.committedFiles(out)) {
      lines.addAll(Files.readAllLines(f));
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      expected.add(i + ":6");
    }
    assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
  }
}
