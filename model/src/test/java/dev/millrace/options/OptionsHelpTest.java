package dev.millrace.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --help}, {@code --help=SomeOptions} and {@code printHelp}. */
class OptionsHelpTest {
  public enum Format { CSV, JSON }

  @Description("Options of the help test's pipeline.")
  public interface HelpOptions extends PipelineOptions {
    @Description("Number of output shards")
    @Default.Integer(3)
    int getHelpShards();

    void setHelpShards(int value);

    @Description("The input pattern")
    @Validation.Required
    String getHelpInput();

    void setHelpInput(String value);

    @Default.Enum("JSON")
    Format getHelpFormat();

    void setHelpFormat(Format value);

    List<String> getHelpTags();

    void setHelpTags(List<String> value);

    @Description("Internal knob")
    @Hidden
    int getHelpInternalKnob();

    void setHelpInternalKnob(int value);
  }

  public interface MoreHelpOptions extends HelpOptions {
    @Description("Only in the sub-interface")
    boolean isHelpExtra();

    void setHelpExtra(boolean value);
  }

  @Hidden
  public interface SecretHelpOptions extends PipelineOptions {
    String getHelpSecret();

    void setHelpSecret(String value);
  }

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final AtomicInteger exitCode = new AtomicInteger(-1);
  private PrintStream oldOut;
  private IntConsumer oldExit;

  @BeforeEach
  void captureHelpAndExit() {
    oldOut = PipelineOptionsFactory.helpOut;
    oldExit = PipelineOptionsFactory.exit;
    PipelineOptionsFactory.helpOut = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    PipelineOptionsFactory.exit = exitCode::set;
    PipelineOptionsFactory.register(MoreHelpOptions.class);
    PipelineOptionsFactory.register(SecretHelpOptions.class);
  }

  @AfterEach
  void restore() {
    PipelineOptionsFactory.helpOut = oldOut;
    PipelineOptionsFactory.exit = oldExit;
  }

  private String help() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpForOneInterfaceShowsFlagTypeDefaultAndDescriptionThenExitsZero() {
    PipelineOptionsFactory.fromArgs("--help=HelpOptions").as(HelpOptions.class);
    assertThat(exitCode.get()).isZero();
    assertThat(help()).contains(
        HelpOptions.class.getName() + ":",
        "  Options of the help test's pipeline.",
        "  --helpShards=<int>    (default: 3)\n      Number of output shards",
        "  --helpInput=<String>    (required)\n      The input pattern",
        "  --helpFormat=<CSV|JSON>    (default: JSON)",
        "  --helpTags=<String,...>",
        // Inherited options are part of the interface's help.
        "  --runner=<String>    (default: direct)",
        "runners are found on the class path");
    assertThat(help()).doesNotContain("helpInternalKnob", "Internal knob", "helpExtra");
  }

  @Test
  void helpAcceptsTheFullyQualifiedName() {
    PipelineOptionsFactory.fromArgs("--help=" + MoreHelpOptions.class.getName()).create();
    assertThat(exitCode.get()).isZero();
    assertThat(help()).contains("--helpExtra=<boolean>", "Only in the sub-interface",
        "--helpShards=<int>");
  }

  @Test
  void helpWithoutANameListsEveryRegisteredInterfaceEachOptionOnce() {
    PipelineOptionsFactory.fromArgs("--help").create();
    assertThat(exitCode.get()).isZero();
    String help = help();
    int root = help.indexOf(PipelineOptions.class.getName() + ":");
    int parent = help.indexOf(HelpOptions.class.getName() + ":");
    int child = help.indexOf(MoreHelpOptions.class.getName() + ":");
    assertThat(root).isNotNegative();
    assertThat(parent).isGreaterThan(root);
    assertThat(child).isGreaterThan(parent);
    // Grouped under the interface that declares each option, and listed once.
    assertThat(help.indexOf("--helpShards=")).isBetween(parent, child);
    assertThat(help.indexOf("--helpExtra=")).isGreaterThan(child);
    assertThat(help.indexOf("--runner=")).isBetween(root, parent);
    assertThat(help.split("--helpShards=", -1)).hasSize(2);
    assertThat(help.split("--runner=<", -1)).hasSize(2);
    assertThat(help).doesNotContain("helpInternalKnob", "helpSecret",
        SecretHelpOptions.class.getName());
  }

  @Test
  void aHiddenInterfaceIsShownWhenAskedForByName() {
    PipelineOptionsFactory.fromArgs("--help=SecretHelpOptions").create();
    assertThat(help()).contains("--helpSecret=<String>");
  }

  @Test
  void helpListsTheRunnersOrSaysThereAreNone() throws Exception {
    ContextClassLoaders.call(ContextClassLoaders.withoutServices(), () -> {
      PipelineOptionsFactory.printHelp(PipelineOptionsFactory.helpOut);
      return null;
    });
    assertThat(help()).contains("Runners on the class path (choose one with --runner=NAME):\n"
        + "  none; add a runner module such as millrace-runners-direct to the class path.");
    bytes.reset();
    ContextClassLoaders.call(ContextClassLoaders.withTestServices(), () -> {
      PipelineOptionsFactory.printHelp(PipelineOptionsFactory.helpOut);
      return null;
    });
    assertThat(help()).contains("  direct    runs on this machine\n",
        "  flink    runs on a fake cluster\n");
  }

  @Test
  void printHelpForOneInterfaceRegistersIt() {
    PipelineOptionsFactory.printHelp(PipelineOptionsFactory.helpOut, PrintedOnlyOptions.class);
    assertThat(help()).contains("--printedOnly=<long>");
    assertThat(OptionsRegistry.registered()).contains(PrintedOnlyOptions.class);
  }

  public interface PrintedOnlyOptions extends PipelineOptions {
    long getPrintedOnly();

    void setPrintedOnly(long value);
  }

  @Test
  void anUnknownInterfaceNameIsAnErrorListingTheRegisteredOnes() {
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--help=HelpOptionz").create())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--help=HelpOptionz: no options interface of that name is "
            + "registered. Did you mean --help=HelpOptions? Registered interfaces: ")
        .hasMessageContaining("PipelineOptions, ")
        .hasMessageContaining("MoreHelpOptions");
    assertThat(exitCode.get()).as("no exit on error").isEqualTo(-1);
  }

  @Test
  void otherFlagsAreParsedWhenTheExitHookReturns() {
    HelpOptions options = PipelineOptionsFactory.fromArgs("--helpShards=9", "--help")
        .as(HelpOptions.class);
    assertThat(exitCode.get()).isZero();
    assertThat(options.getHelpShards()).isEqualTo(9);
  }
}
