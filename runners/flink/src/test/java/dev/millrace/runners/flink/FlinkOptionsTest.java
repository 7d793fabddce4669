package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.runners.PipelineRunners;
import dev.millrace.runners.flink.internal.FlinkEnvironments;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** --runner=flink discovery, option parsing and the environments the options describe. */
class FlinkOptionsTest {

  private static FlinkOptions parse(String... flags) {
    return PipelineOptionsFactory.fromArgs(flags).as(FlinkOptions.class);
  }

  @Test
  void defaultsFollowBeamsFlinkRunner() {
    FlinkOptions o = parse("--runner=flink");
    assertThat(o.getFlinkMaster()).isEqualTo("[local]");
    assertThat(o.getParallelism()).isEqualTo(-1);
    assertThat(o.getMaxParallelism()).isEqualTo(-1);
    assertThat(o.getCheckpointingInterval()).isEqualTo(-1L);
    assertThat(o.getStateBackend()).isEqualTo("hashmap");
    assertThat(o.isStreaming()).isFalse();
  }

  @Test
  void flagsAreParsed() {
    FlinkOptions o = parse("--runner=flink", "--flinkMaster=127.0.0.1:8081", "--parallelism=3",
        "--maxParallelism=64", "--checkpointingInterval=500", "--streaming=true");
    assertThat(o.getFlinkMaster()).isEqualTo("127.0.0.1:8081");
    assertThat(o.getParallelism()).isEqualTo(3);
    assertThat(o.getMaxParallelism()).isEqualTo(64);
    assertThat(o.getCheckpointingInterval()).isEqualTo(500L);
    assertThat(o.isStreaming()).isTrue();
  }

  @Test
  void theRunnerIsFoundByName() {
    FlinkOptions o = parse("--runner=flink");
    assertThat(PipelineRunners.fromOptions(o)).isInstanceOf(FlinkRunner.class);
  }

  @Test
  void environmentsNeverFallBackToKryoAndPickTheExecutionMode() {
    StreamExecutionEnvironment batch = FlinkEnvironments.create(parse("--flinkMaster=127.0.0.1:8081", "--parallelism=3"), true);
    assertThat(batch.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
    assertThat(batch.getConfig().isObjectReuseEnabled()).isTrue();
    assertThat(batch.getParallelism()).isEqualTo(3);
    assertThat(batch.getConfiguration().get(ExecutionOptions.RUNTIME_MODE))
        .isEqualTo(RuntimeExecutionMode.BATCH);
    StreamExecutionEnvironment streaming =
        FlinkEnvironments.create(
            parse("--flinkMaster=127.0.0.1:8081", "--checkpointingInterval=250"), false);
    assertThat(streaming.getConfiguration().get(ExecutionOptions.RUNTIME_MODE))
        .isEqualTo(RuntimeExecutionMode.STREAMING);
    assertThat(streaming.getCheckpointConfig().getCheckpointInterval()).isEqualTo(250L);
  }

  @Test
  void badMastersAndBackendsAreExplained() {
    assertThatThrownBy(() -> FlinkEnvironments.create(parse("--flinkMaster=somehost"), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> FlinkEnvironments.create(
            parse("--flinkMaster=127.0.0.1:8081", "--stateBackend=memory"), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hashmap or rocksdb");
  }
}
