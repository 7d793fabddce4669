package dev.millrace.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Flag parsing, defaults, validation, help and misuse errors of PipelineOptionsFactory. */
class OptionsFlagsTest {
  public enum Mode { FAST, SAFE }

  public interface TestOptions extends PipelineOptions {
    @Description("How many shards to write")
    @Default.Integer(3)
    int getShards();

    void setShards(int value);

    @Description("The input pattern")
    @Validation.Required
    String getInput();

    void setInput(String value);

    @Default.Enum("SAFE")
    Mode getMode();

    void setMode(Mode value);

    @Default.Boolean(false)
    boolean isVerbose();

    void setVerbose(boolean value);

    Duration getTimeout();

    void setTimeout(Duration value);

    List<String> getTags();

    void setTags(List<String> value);
  }

  public interface OtherOptions extends PipelineOptions {
    @Default.Long(7L)
    long getSeed();

    void setSeed(long value);
  }

  public interface BrokenOptions extends PipelineOptions {
    String getName();
  }

  @Test
  void parsesEveryKindOfValue() {
    TestOptions o = PipelineOptionsFactory.fromArgs(
            "--input=in.txt", "--shards=5", "--mode=fast", "--verbose", "--timeout=PT2S",
            "--tags=a,b", "--tags=c")
        .as(TestOptions.class);
    assertThat(o.getInput()).isEqualTo("in.txt");
    assertThat(o.getShards()).isEqualTo(5);
    assertThat(o.getMode()).isEqualTo(Mode.FAST);
    assertThat(o.isVerbose()).isTrue();
    assertThat(o.getTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(o.getTags()).containsExactly("a", "b", "c");
    assertThat(PipelineOptionsFactory.fromArgs("--timeout=1500").as(TestOptions.class).getTimeout())
        .isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void defaultsApplyWhenFlagsAreAbsent() {
    TestOptions o = PipelineOptionsFactory.fromArgs().as(TestOptions.class);
    assertThat(o.getShards()).isEqualTo(3);
    assertThat(o.getMode()).isEqualTo(Mode.SAFE);
    assertThat(o.isVerbose()).isFalse();
    assertThat(o.getTimeout()).isNull();
    assertThat(o.getRunner()).isEqualTo("direct");
    assertThat(o.getJobName()).startsWith("millrace-");
  }

  @Test
  void viewsShareTheirValues() {
    TestOptions o = PipelineOptionsFactory.fromArgs("--input=x", "--seed=42").as(TestOptions.class);
    OtherOptions other = o.as(OtherOptions.class);
    assertThat(other.getSeed()).isEqualTo(42L);
    other.setRunner("flink");
    assertThat(o.getRunner()).isEqualTo("flink");
    o.setShards(9);
    assertThat(other.as(TestOptions.class).getShards()).isEqualTo(9);
    assertThat(o.asMap()).containsEntry("input", "x").containsEntry("shards", 9);
  }

  @Test
  void unknownFlagSuggestsTheClosestName() {
    PipelineOptionsFactory.register(TestOptions.class);
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--shrads=2").as(TestOptions.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown option --shrads. Did you mean --shards?");
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--zzzzzzzzzzzz=2").create())
        .hasMessageContaining("Unknown option --zzzzzzzzzzzz")
        .hasMessageNotContaining("Did you mean");
  }

  @Test
  void typeErrorsNameTheFlagValueAndExpectedType() {
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--shards=many").as(TestOptions.class))
        .hasMessageContaining("--shards").hasMessageContaining("'many'").hasMessageContaining("integer");
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--mode=quick").as(TestOptions.class))
        .hasMessageContaining("--mode").hasMessageContaining("[FAST, SAFE]");
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--verbose=yes").as(TestOptions.class))
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--shards").as(TestOptions.class))
        .hasMessageContaining("--shards needs a value");
  }

  @Test
  void malformedAndRepeatedFlagsAreRejected() {
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("shards=2").create())
        .hasMessageContaining("Malformed argument 'shards=2'");
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--shards=1", "--shards=2").as(TestOptions.class))
        .hasMessageContaining("given 2 times");
  }

  @Test
  void requiredOptionsAreCheckedWithValidation() {
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs().withValidation().as(TestOptions.class))
        .hasMessage("Missing required option --input (The input pattern). Set it with --input=<String>.");
    assertThat(PipelineOptionsFactory.fromArgs("--input=a").withValidation().as(TestOptions.class)
        .getInput()).isEqualTo("a");
  }

  enum HiddenMode { A }

  public interface NonPublicTypeOptions extends PipelineOptions {
    HiddenMode getHiddenMode();

    void setHiddenMode(HiddenMode value);
  }

  @Test
  void optionTypesMustBePublic() {
    assertThatThrownBy(() -> PipelineOptionsFactory.register(NonPublicTypeOptions.class))
        .hasMessageContaining("hiddenMode").hasMessageContaining("not public");
  }

  @Test
  void invalidInterfacesAreRejectedWhenRegistered() {
    assertThatThrownBy(() -> PipelineOptionsFactory.register(BrokenOptions.class))
        .hasMessageContaining("getName()").hasMessageContaining("no matching setter setName");
  }

  @Test
  void helpPrintsOptionsAndExits() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    AtomicInteger exitCode = new AtomicInteger(-1);
    PrintStream oldOut = PipelineOptionsFactory.helpOut;
    var oldExit = PipelineOptionsFactory.exit;
    try {
      PipelineOptionsFactory.helpOut = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      PipelineOptionsFactory.exit = exitCode::set;
      PipelineOptionsFactory.fromArgs("--help=TestOptions").as(TestOptions.class);
      String help = bytes.toString(StandardCharsets.UTF_8);
      assertThat(exitCode.get()).isZero();
      assertThat(help).contains("--shards=<int>    (default: 3)", "How many shards to write",
          "--input=<String>    (required)", "--mode=<FAST|SAFE>    (default: SAFE)");
      bytes.reset();
      PipelineOptionsFactory.fromArgs("--help").as(TestOptions.class);
      assertThat(bytes.toString(StandardCharsets.UTF_8))
          .contains("dev.millrace.options.PipelineOptions:", "--runner=<String>");
      assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--help=NoSuchOptions").create())
          .hasMessageContaining("no options interface of that name").hasMessageContaining("TestOptions");
    } finally {
      PipelineOptionsFactory.helpOut = oldOut;
      PipelineOptionsFactory.exit = oldExit;
    }
  }

  @Test
  void optionsSurviveJavaSerialization() throws Exception {
    TestOptions o = PipelineOptionsFactory.fromArgs("--input=in", "--shards=4").as(TestOptions.class);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      TestOptions copy = (TestOptions) in.readObject();
      assertThat(copy.getInput()).isEqualTo("in");
      assertThat(copy.getShards()).isEqualTo(4);
      assertThat(copy.as(OtherOptions.class).getSeed()).isEqualTo(7L);
    }
  }
}
