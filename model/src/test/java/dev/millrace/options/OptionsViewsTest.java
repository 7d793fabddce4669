package dev.millrace.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Views ({@code as}) of one options object share their values; asMap, toString, equality. */
class OptionsViewsTest {
  public interface SourceOptions extends PipelineOptions {
    @Default.Integer(2)
    int getReaders();

    void setReaders(int value);

    String getTopic();

    void setTopic(String value);

    /** Default methods are ordinary code over the options. */
    default String describe() {
      return getTopic() + "x" + getReaders();
    }
  }

  public interface SinkOptions extends PipelineOptions {
    @Default.String("out")
    String getPrefix();

    void setPrefix(String value);

    String getTopic();

    void setTopic(String value);
  }

  @Test
  void valuesSetThroughOneViewAreSeenThroughTheOthers() {
    PipelineOptionsFactory.register(SinkOptions.class);
    SourceOptions source = PipelineOptionsFactory.fromArgs("--topic=t1", "--prefix=p")
        .as(SourceOptions.class);
    SinkOptions sink = source.as(SinkOptions.class);
    assertThat(sink.getTopic()).isEqualTo("t1");
    assertThat(sink.getPrefix()).isEqualTo("p");

    sink.setTopic("t2");
    assertThat(source.getTopic()).isEqualTo("t2");
    source.setReaders(7);
    assertThat(sink.as(SourceOptions.class).getReaders()).isEqualTo(7);
    sink.setRunner("microbatch");
    assertThat(source.getRunner()).isEqualTo("microbatch");
    assertThat(source.as(PipelineOptions.class).getRunner()).isEqualTo("microbatch");
  }

  @Test
  void aViewImplementsEveryInterfaceSeenSoFar() {
    SourceOptions source = PipelineOptionsFactory.as(SourceOptions.class);
    SinkOptions sink = source.as(SinkOptions.class);
    assertThat(sink).isInstanceOf(SourceOptions.class);
    assertThat(source.as(SourceOptions.class)).isSameAs(source);
  }

  @Test
  void viewsOfOneOptionsObjectAreEqualAndOthersAreNot() {
    SourceOptions source = PipelineOptionsFactory.as(SourceOptions.class);
    SinkOptions sink = source.as(SinkOptions.class);
    assertThat(sink).isEqualTo(source);
    assertThat(sink.hashCode()).isEqualTo(source.hashCode());
    assertThat(PipelineOptionsFactory.as(SourceOptions.class)).isNotEqualTo(source);
    assertThat(source).isNotEqualTo(null).isNotEqualTo("options");
  }

  @Test
  void defaultMethodsRunAgainstTheOptions() {
    SourceOptions source = PipelineOptionsFactory.fromArgs("--topic=t").as(SourceOptions.class);
    assertThat(source.describe()).isEqualTo("tx2");
  }

  @Test
  void asMapHoldsTheSetValuesAndTheDefaultsSortedAndReadOnly() {
    SourceOptions source = PipelineOptionsFactory.fromArgs("--topic=t", "--runner=microbatch")
        .as(SourceOptions.class);
    Map<String, Object> map = source.asMap();
    assertThat(map).containsEntry("topic", "t").containsEntry("runner", "microbatch")
        .containsEntry("readers", 2).containsKey("jobName").doesNotContainKey("prefix");
    assertThat(List.copyOf(map.keySet())).isSorted();
    assertThatThrownBy(() -> map.put("topic", "u"))
        .isInstanceOf(UnsupportedOperationException.class);

    source.as(SinkOptions.class);
    assertThat(source.asMap()).containsEntry("prefix", "out");
    source.setReaders(5);
    assertThat(source.asMap()).containsEntry("readers", 5);
    assertThat(map).as("a snapshot").containsEntry("readers", 2);
  }

  @Test
  void asMapLeavesOutOptionsWithoutValue() {
    SinkOptions sink = PipelineOptionsFactory.as(SinkOptions.class);
    assertThat(sink.asMap()).doesNotContainKey("topic");
    sink.setTopic(null);
    assertThat(sink.asMap()).containsEntry("topic", null);
  }

  public interface BatchEngineOptions extends PipelineOptions {
    @Default.Integer(0)
    int getEngineParallelism();

    void setEngineParallelism(int value);
  }

  public interface ClusterEngineOptions extends PipelineOptions {
    @Default.Integer(-1)
    int getEngineParallelism();

    void setEngineParallelism(int value);
  }

  @Test
  void anOptionDeclaredByTwoInterfacesHasOneValueButEachViewsOwnDefault() {
    BatchEngineOptions batch = PipelineOptionsFactory.as(BatchEngineOptions.class);
    ClusterEngineOptions cluster = batch.as(ClusterEngineOptions.class);
    assertThat(cluster.getEngineParallelism()).isEqualTo(-1);
    assertThat(batch.getEngineParallelism()).isZero();
    assertThat(cluster.as(BatchEngineOptions.class).getEngineParallelism()).isZero();
    cluster.setEngineParallelism(8);
    assertThat(batch.getEngineParallelism()).isEqualTo(8);
    assertThat(cluster.getEngineParallelism()).isEqualTo(8);
    assertThat(PipelineOptionsFactory.fromArgs("--engineParallelism=3").as(BatchEngineOptions.class)
        .as(ClusterEngineOptions.class).getEngineParallelism()).isEqualTo(3);
  }

  @Test
  void toStringListsTheSetValues() {
    SourceOptions source = PipelineOptionsFactory.fromArgs("--topic=t", "--readers=3")
        .as(SourceOptions.class);
    assertThat(source.toString()).isEqualTo("PipelineOptions{readers=3, topic=t}");
    source.setRunner("flink");
    assertThat(source.toString()).isEqualTo("PipelineOptions{readers=3, runner=flink, topic=t}");
  }
}
