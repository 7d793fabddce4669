package dev.millrace.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.coders.Coder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptions;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.PTransform;
import dev.millrace.transforms.Read;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.WindowingStrategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** Construction-time behaviour of Read.from(UnboundedSource) and GenerateSequence. */
class ReadUnboundedTest {

  /** A minimal unbounded source whose validation can be made to fail. */
  static class StubSource extends UnboundedSource<String, UnboundedCountingSource.CounterMark> {
    private final String problem;

    StubSource(String problem) {
      this.problem = problem;
    }

    @Override
    public List<StubSource> split(int desiredNumSplits, PipelineOptions options) {
      return List.of(this);
    }

    @Override
    public UnboundedReader<String> createReader(
        PipelineOptions options, UnboundedCountingSource.CounterMark mark) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Coder<UnboundedCountingSource.CounterMark> getCheckpointMarkCoder() {
      return CounterMarkCoder.of();
    }

    @Override
    public Coder<String> getOutputCoder() {
      return StringUtf8Coder.of();
    }

    @Override
    public void validate() {
      if (problem != null) {
        throw new IllegalArgumentException(problem);
      }
    }
  }

  /** Not serialisable: holds a thread. */
  static final class UnserialisableSource extends StubSource {
    @SuppressWarnings("unused")
    private final Thread thread = new Thread(() -> {});

    UnserialisableSource() {
      super(null);
    }
  }

  @Test
  void readsAnUnboundedCollectionInTheGlobalWindowWithTheSourceCoder() {
    Pipeline p = Pipeline.create();
    StubSource source = new StubSource(null);
    Read.Unbounded<String> read = Read.from(source);
    assertThat(read.getSource()).isSameAs(source);
    PCollection<String> out = p.apply(read);
    assertThat(out.isBounded()).isEqualTo(PCollection.IsBounded.UNBOUNDED);
    assertThat(out.getCoder()).isEqualTo(StringUtf8Coder.of());
    assertThat(out.getWindowingStrategy()).isEqualTo(WindowingStrategy.globalDefault());
    assertThat(p.getProducer(out).getTransform()).isSameAs(read);
  }

  @Test
  void validatesTheSourceWhenApplied() {
    Pipeline p = Pipeline.create();
    assertThatThrownBy(() -> p.apply(Read.from(new StubSource("no topic given"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no topic given");
  }

  @Test
  void rejectsAnUnserialisableSource() {
    Pipeline p = Pipeline.create();
    assertThatThrownBy(() -> p.apply(Read.from(new UnserialisableSource())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UnserialisableSource")
        .hasMessageContaining("thread");
  }

  static Stream<Arguments> sequences() {
    return Stream.of(
        Arguments.of(GenerateSequence.from(0).to(10), true),
        Arguments.of(GenerateSequence.from(0).to(10).withTimestampFn(Instant::ofEpochMilli), true),
        Arguments.of(GenerateSequence.from(0), false),
        Arguments.of(GenerateSequence.from(0).to(10).withRate(1, Duration.ofSeconds(1)), false),
        Arguments.of(GenerateSequence.from(0).withMaxReadTime(Duration.ofSeconds(1)), false),
        Arguments.of(GenerateSequence.from(0).to(10).withMaxReadTime(Duration.ofSeconds(1)),
            false));
  }

  @ParameterizedTest(name = "{0} bounded={1}")
  @MethodSource("sequences")
  void generateSequenceIsBoundedOnlyWithAnEndAndNoRateOrReadTime(
      GenerateSequence sequence, boolean bounded) {
    Pipeline p = Pipeline.create();
    PCollection<Long> out = p.apply(sequence);
    assertThat(sequence.isBounded()).isEqualTo(bounded);
    assertThat(out.isBounded())
        .isEqualTo(bounded ? PCollection.IsBounded.BOUNDED : PCollection.IsBounded.UNBOUNDED);
    assertThat(out.getCoder()).isEqualTo(VarLongCoder.of());
    PTransform<?, ?> producer = p.getProducer(out).getTransform();
    assertThat(producer).isInstanceOf(bounded ? Read.Bounded.class : Read.Unbounded.class);
  }

  @Test
  void generateSequencePassesItsConfigurationToTheUnboundedSource() throws Exception {
    Pipeline p = Pipeline.create();
    PCollection<Long> out = p.apply(GenerateSequence.from(2).to(5)
        .withRate(3, Duration.ofSeconds(2)).withMaxReadTime(Duration.ofMinutes(1))
        .withTimestampFn(v -> Instant.ofEpochSecond(v)));
    UnboundedCountingSource source = (UnboundedCountingSource)
        ((Read.Unbounded<?>) p.getProducer(out).getTransform()).getSource();
    assertThat(source.from).isEqualTo(2);
    assertThat(source.to).isEqualTo(5);
    assertThat(source.elementsPerPeriod).isEqualTo(3);
    assertThat(source.periodMillis).isEqualTo(2_000);
    assertThat(source.maxReadTimeMillis).isEqualTo(60_000);
    UnboundedReader<Long> reader = source.createReader(p.getOptions(), null);
    assertThat(reader.start()).isTrue();
    assertThat(reader.getCurrent()).isEqualTo(2);
    assertThat(reader.getCurrentTimestamp()).isEqualTo(Instant.ofEpochSecond(2));
  }

  @Test
  void generateSequenceRejectsBadArguments() {
    assertThatThrownBy(() -> GenerateSequence.from(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-negative");
    assertThatThrownBy(() -> GenerateSequence.from(5).to(4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the start");
    assertThatThrownBy(() -> GenerateSequence.from(0).withRate(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("millisecond");
  }
}
