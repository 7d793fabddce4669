package dev.millrace.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Converting flag text to every supported option type, and annotated defaults of each kind. */
class OptionValueParsingTest {
  public enum Color { RED, DARK_GREEN }

  public interface TypedOptions extends PipelineOptions {
    String getText();

    void setText(String value);

    int getCount();

    void setCount(int value);

    Integer getBoxedCount();

    void setBoxedCount(Integer value);

    long getBig();

    void setBig(long value);

    Long getBoxedBig();

    void setBoxedBig(Long value);

    double getRatio();

    void setRatio(double value);

    Double getBoxedRatio();

    void setBoxedRatio(Double value);

    boolean isFlag();

    void setFlag(boolean value);

    Boolean getBoxedFlag();

    void setBoxedFlag(Boolean value);

    Color getColor();

    void setColor(Color value);

    Duration getTimeout();

    void setTimeout(Duration value);

    Instant getStart();

    void setStart(Instant value);

    List<String> getNames();

    void setNames(List<String> value);

    List<Integer> getSizes();

    void setSizes(List<Integer> value);

    String[] getPaths();

    void setPaths(String[] value);
  }

  public static final class TwiceCount implements DefaultValueFactory<Integer> {
    @Override
    public Integer create(PipelineOptions options) {
      return options.as(DefaultedOptions.class).getDefCount() * 2;
    }
  }

  public interface DefaultedOptions extends PipelineOptions {
    @Default.String("hello")
    String getGreeting();

    void setGreeting(String value);

    @Default.Integer(3)
    int getDefCount();

    void setDefCount(int value);

    @Default.Long(10_000_000_000L)
    Long getDefBig();

    void setDefBig(Long value);

    @Default.Double(0.25)
    double getDefRatio();

    void setDefRatio(double value);

    @Default.Boolean(true)
    boolean isDefFlag();

    void setDefFlag(boolean value);

    @Default.Enum("DARK_GREEN")
    Color getDefColor();

    void setDefColor(Color value);

    @Default.String("PT1M")
    Duration getDefTimeout();

    void setDefTimeout(Duration value);

    @Default.String("a,b")
    List<String> getDefNames();

    void setDefNames(List<String> value);

    @Default.InstanceFactory(TwiceCount.class)
    Integer getDoubled();

    void setDoubled(Integer value);
  }

  static Stream<Arguments> values() {
    return Stream.of(
        row("--text=hello world", TypedOptions::getText, "hello world"),
        row("--text=", TypedOptions::getText, ""),
        row("--text=a=b", TypedOptions::getText, "a=b"),
        row("--count=42", TypedOptions::getCount, 42),
        row("--count=-7", TypedOptions::getCount, -7),
        row("--boxedCount=5", TypedOptions::getBoxedCount, 5),
        row("--big=10000000000", TypedOptions::getBig, 10_000_000_000L),
        row("--boxedBig=-1", TypedOptions::getBoxedBig, -1L),
        row("--ratio=0.5", TypedOptions::getRatio, 0.5),
        row("--boxedRatio=1e3", TypedOptions::getBoxedRatio, 1000.0),
        row("--flag", TypedOptions::isFlag, true),
        row("--flag=true", TypedOptions::isFlag, true),
        row("--flag=FALSE", TypedOptions::isFlag, false),
        row("--boxedFlag", TypedOptions::getBoxedFlag, true),
        row("--color=red", TypedOptions::getColor, Color.RED),
        row("--color=Dark_Green", TypedOptions::getColor, Color.DARK_GREEN),
        row("--timeout=PT5S", TypedOptions::getTimeout, Duration.ofSeconds(5)),
        row("--timeout=PT1H30M", TypedOptions::getTimeout, Duration.ofMinutes(90)),
        row("--timeout=250", TypedOptions::getTimeout, Duration.ofMillis(250)),
        row("--start=2024-01-02T03:04:05Z", TypedOptions::getStart,
            Instant.parse("2024-01-02T03:04:05Z")),
        row("--start=1000", TypedOptions::getStart, Instant.ofEpochMilli(1000)),
        row("--names=a,b,c", TypedOptions::getNames, List.of("a", "b", "c")),
        row("--names=solo", TypedOptions::getNames, List.of("solo")),
        row("--names= a , b ", TypedOptions::getNames, List.of("a", "b")),
        row("--sizes=1,2,3", TypedOptions::getSizes, List.of(1, 2, 3)));
  }

  private static Arguments row(String flag, Function<TypedOptions, Object> getter, Object expected) {
    return Arguments.of(flag, getter, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void parsesTheFlagIntoTheOptionsType(
      String flag, Function<TypedOptions, Object> getter, Object expected) {
    TypedOptions options = PipelineOptionsFactory.fromArgs(flag).as(TypedOptions.class);
    assertThat(getter.apply(options)).isEqualTo(expected);
  }

  @Test
  void listsTakeCommaSeparatedAndRepeatedFlags() {
    TypedOptions options = PipelineOptionsFactory
        .fromArgs("--names=a,b", "--names=c", "--paths=/x,/y", "--paths=/z", "--sizes=4")
        .as(TypedOptions.class);
    assertThat(options.getNames()).containsExactly("a", "b", "c");
    assertThat(options.getPaths()).containsExactly("/x", "/y", "/z");
    assertThat(options.getSizes()).containsExactly(4);
  }

  @Test
  void unsetOptionsWithoutDefaultsAreNullOrZero() {
    TypedOptions options = PipelineOptionsFactory.create().as(TypedOptions.class);
    assertThat(options.getText()).isNull();
    assertThat(options.getCount()).isZero();
    assertThat(options.getBoxedCount()).isNull();
    assertThat(options.getBig()).isZero();
    assertThat(options.getRatio()).isZero();
    assertThat(options.isFlag()).isFalse();
    assertThat(options.getBoxedFlag()).isNull();
    assertThat(options.getColor()).isNull();
    assertThat(options.getTimeout()).isNull();
    assertThat(options.getNames()).isNull();
  }

  @Test
  void defaultsOfEveryKindApplyWhenNotSet() {
    DefaultedOptions options = PipelineOptionsFactory.create().as(DefaultedOptions.class);
    assertThat(options.getGreeting()).isEqualTo("hello");
    assertThat(options.getDefCount()).isEqualTo(3);
    assertThat(options.getDefBig()).isEqualTo(10_000_000_000L);
    assertThat(options.getDefRatio()).isEqualTo(0.25);
    assertThat(options.isDefFlag()).isTrue();
    assertThat(options.getDefColor()).isEqualTo(Color.DARK_GREEN);
    assertThat(options.getDefTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(options.getDefNames()).containsExactly("a", "b");
    assertThat(options.getDoubled()).isEqualTo(6);
    assertThat(options.getRunner()).isEqualTo("direct");
  }

  @Test
  void flagsOverrideDefaultsAndFactoriesSeeOtherOptions() {
    DefaultedOptions options = PipelineOptionsFactory
        .fromArgs("--defCount=5", "--defFlag=false", "--defColor=red", "--greeting=hi")
        .as(DefaultedOptions.class);
    assertThat(options.getDefCount()).isEqualTo(5);
    assertThat(options.isDefFlag()).isFalse();
    assertThat(options.getDefColor()).isEqualTo(Color.RED);
    assertThat(options.getGreeting()).isEqualTo("hi");
    assertThat(options.getDoubled()).isEqualTo(10);
  }

  @Test
  void aSetterReplacesAComputedDefault() {
    DefaultedOptions options = PipelineOptionsFactory.create().as(DefaultedOptions.class);
    assertThat(options.getDoubled()).isEqualTo(6);
    options.setDoubled(1);
    assertThat(options.getDoubled()).isEqualTo(1);
  }

  @Test
  void theJobNameDefaultsToMillraceUserTimestamp() {
    PipelineOptions options = PipelineOptionsFactory.create();
    String user = System.getProperty("user.name", "user").toLowerCase()
        .replaceAll("[^a-z0-9]", "");
    assertThat(options.getJobName()).matches("millrace-" + user + "-\\d+");
    assertThat(options.getJobName()).as("computed once, then stable")
        .isEqualTo(options.getJobName());
    assertThat(PipelineOptionsFactory.fromArgs("--jobName=nightly").create().getJobName())
        .isEqualTo("nightly");
  }
}
