package dev.millrace.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Misuse of flags: each error says what is wrong and how to fix it. */
class OptionsErrorsTest {
  public enum Level { LOW, MEDIUM, HIGH }

  public interface ErrorOptions extends PipelineOptions {
    @Description("Threads used to run the pipeline")
    int getTargetParallelism();

    void setTargetParallelism(int value);

    long getMaxRecords();

    void setMaxRecords(long value);

    double getSampleRate();

    void setSampleRate(double value);

    boolean isDryRun();

    void setDryRun(boolean value);

    Level getLevel();

    void setLevel(Level value);

    Duration getCheckpointInterval();

    void setCheckpointInterval(Duration value);

    List<Integer> getPorts();

    void setPorts(List<Integer> value);

    @Description("Path of the file to read from")
    @Validation.Required
    String getInputFile();

    void setInputFile(String value);

    List<String> getLabels();

    void setLabels(List<String> value);
  }

  private static ErrorOptions parse(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(ErrorOptions.class);
  }

  @Test
  void anUnknownFlagSuggestsTheClosestKnownName() {
    assertThatThrownBy(() -> parse("--targetParalelism=4"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown option --targetParalelism. Did you mean --targetParallelism?");
    assertThatThrownBy(() -> parse("--runer=direct"))
        .hasMessage("Unknown option --runer. Did you mean --runner?");
    assertThatThrownBy(() -> parse("--JobName=x"))
        .hasMessage("Unknown option --JobName. Did you mean --jobName?");
  }

  @Test
  void anUnknownFlagFarFromEveryNameGetsNoSuggestion() {
    assertThatThrownBy(() -> parse("--qqqqqqqqqqqq=1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown option --qqqqqqqqqqqq. Run with --help to list the options.");
  }

  @Test
  void flagsOfInterfacesNotYetKnownAreUnknownUntilRegistered() {
    // A flag is known once its interface is registered, even when parsed into another view.
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--lateOnlyFlag=1").create())
        .hasMessageStartingWith("Unknown option --lateOnlyFlag.");
    PipelineOptionsFactory.register(LateOptions.class);
    assertThat(PipelineOptionsFactory.fromArgs("--lateOnlyFlag=1").create()
        .as(LateOptions.class).getLateOnlyFlag()).isEqualTo(1);
  }

  public interface LateOptions extends PipelineOptions {
    int getLateOnlyFlag();

    void setLateOnlyFlag(int value);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "targetParallelism=4 | Malformed argument 'targetParallelism=4': options are given as "
          + "--name=value (or --flag for true).",
      "-targetParallelism=4 | Malformed argument '-targetParallelism=4'",
      "--                   | Malformed argument '--'",
      "--=4                 | Malformed argument '--=4': the option name is empty.",
  })
  void malformedArgumentsAreRejected(String arg, String message) {
    assertThatThrownBy(() -> parse(arg))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
  }

  @Test
  void aValueSeparatedBySpaceGetsAHint() {
    assertThatThrownBy(() -> parse("--inputFile", "in.txt"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Malformed argument 'in.txt': options are given as --name=value (or --flag "
            + "for true); write --inputFile=in.txt instead of --inputFile in.txt.");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--targetParallelism=four  | Invalid value 'four' for --targetParallelism: expected an integer",
      "--targetParallelism=2.5   | Invalid value '2.5' for --targetParallelism: expected an integer",
      "--maxRecords=lots         | Invalid value 'lots' for --maxRecords: expected an integer",
      "--sampleRate=half         | Invalid value 'half' for --sampleRate: expected a number",
      "--dryRun=yes              | Invalid value 'yes' for --dryRun: expected true or false",
      "--level=extreme           | Invalid value 'extreme' for --level: expected one of [LOW, MEDIUM, HIGH]",
      "--checkpointInterval=5s   | Invalid value '5s' for --checkpointInterval: expected a duration "
          + "such as PT5S or a number of milliseconds",
      "--ports=80,http           | Invalid value 'http' for --ports: expected an integer",
  })
  void typeErrorsNameTheFlagTheValueAndTheExpectedType(String flag, String message) {
    assertThatThrownBy(() -> parse(flag))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
  }

  @Test
  void aNonBooleanFlagWithoutAValueIsRejected() {
    assertThatThrownBy(() -> parse("--targetParallelism"))
        .hasMessage("The option --targetParallelism needs a value: --targetParallelism=<int>.");
  }

  @Test
  void theSameFlagTwiceIsRejectedForSingleValuedOptions() {
    assertThatThrownBy(() -> parse("--targetParallelism=1", "--targetParallelism=2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("The option --targetParallelism was given 2 times ([1, 2]); it takes a single "
            + "value.");
    assertThatThrownBy(() -> parse("--dryRun", "--dryRun"))
        .hasMessageContaining("--dryRun was given 2 times");
    assertThat(parse("--labels=a", "--labels=b").getLabels()).containsExactly("a", "b");
  }

  @Test
  void aMissingRequiredOptionNamesTheFlagAndItsDescription() {
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs().withValidation()
        .as(ErrorOptions.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Missing required option --inputFile (Path of the file to read from). "
            + "Set it with --inputFile=<String>.");
  }

  @Test
  void requiredOptionsAreOnlyCheckedWithValidation() {
    assertThat(PipelineOptionsFactory.fromArgs().as(ErrorOptions.class).getInputFile()).isNull();
    assertThat(PipelineOptionsFactory.fromArgs("--inputFile=a.txt").withValidation()
        .as(ErrorOptions.class).getInputFile()).isEqualTo("a.txt");
  }
}
