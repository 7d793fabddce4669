package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import org.junit.jupiter.api.Test;

/**
 * {@code --flinkMaster=[local]} outside of a Flink test environment: jobs go to one MiniCluster
 * shared by the JVM, submitted to it directly (no REST polling for the result).
 */
class SharedLocalClusterTest {

  @Test
  void jobsRunOnTheSharedLocalCluster() {
    for (int run = 0; run < 2; run++) {
      Pipeline p = Pipeline.create(
          PipelineOptionsFactory.fromArgs("--runner=flink", "--parallelism=2").create());
      PCollection<KV<String, Long>> counts =
          p.apply(Create.of("a", "b", "a", "c", "a")).apply(Count.perElement());
      String id = Collect.of(counts);
      assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
      assertThat(Collect.<KV<String, Long>>results(id))
          .containsExactlyInAnyOrder(KV.of("a", 3L), KV.of("b", 1L), KV.of("c", 1L));
    }
  }
}
