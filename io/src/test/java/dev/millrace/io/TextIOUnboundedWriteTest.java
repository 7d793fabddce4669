package dev.millrace.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.MapElements;
import dev.millrace.values.TypeDescriptors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing an unbounded collection needs a runner that commits files with its checkpoints; on any
 * other runner the write fails when the pipeline starts, saying which runner can do it.
 */
class TextIOUnboundedWriteTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void failsClearlyOnARunnerWithoutTransactionalFileSinks() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=direct").create());
    p.apply(GenerateSequence.from(0).withRate(10, Duration.ofSeconds(1)))
        .apply(MapElements.into(TypeDescriptors.strings()).via(String::valueOf))
        .apply(TextIO.write().to(dir + "/out"));

    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasStackTraceContaining("got an unbounded collection")
        .hasStackTraceContaining("--runner=flink");
  }
}
