package dev.millrace.runners;

import static dev.millrace.options.ContextClassLoaders.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.options.ContextClassLoaders;
import dev.millrace.options.Default;
import dev.millrace.options.Description;
import dev.millrace.options.PipelineOptions;
import dev.millrace.options.PipelineOptionsFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runner discovery and {@code --runner} selection, against fixture runners registered in a test
 * services file (seen only through {@link ContextClassLoaders#withTestServices()}).
 */
class PipelineRunnersTest {
  /** What the fixture registrars created: runner name and the options it was given. */
  static final List<Object[]> CREATED = new ArrayList<>();

  /** Options of the flink-like fixture runner. */
  public interface FakeFlinkOptions extends PipelineOptions {
    @Description("Slots of the fake flink runner")
    @Default.Integer(1)
    int getFakeFlinkSlots();

    void setFakeFlinkSlots(int value);
  }

  /** A fixture registrar that records what it creates. */
  abstract static class Recording implements PipelineRunnerRegistrar {
    @Override
    public PipelineRunner create(PipelineOptions options) {
      synchronized (CREATED) {
        CREATED.add(new Object[] {name(), options});
      }
      return pipeline -> {
        throw new UnsupportedOperationException("fixture runner " + name());
      };
    }

    @Override
    public List<Class<? extends PipelineOptions>> optionsInterfaces() {
      return List.of();
    }
  }

  public static final class DirectLike extends Recording {
    @Override
    public String name() {
      return "direct";
    }

    @Override
    public String description() {
      return "runs on this machine";
    }
  }

  public static final class MicroBatchLike extends Recording {
    @Override
    public String name() {
      return "microbatch";
    }

    @Override
    public String description() {
      return "runs in small batches";
    }
  }

  public static final class FlinkLike extends Recording {
    @Override
    public String name() {
      return "flink";
    }

    @Override
    public String description() {
      return "runs on a fake cluster";
    }

    @Override
    public List<Class<? extends PipelineOptions>> optionsInterfaces() {
      return List.of(FakeFlinkOptions.class);
    }
  }

  @Test
  void availableListsTheClassPathsRunnersSortedByName() throws Exception {
    List<String> names = call(ContextClassLoaders.withTestServices(),
        () -> PipelineRunners.available().stream().map(PipelineRunnerRegistrar::name).toList());
    // The services file lists them as microbatch, direct, flink.
    assertThat(names).containsExactly("direct", "flink", "microbatch");
  }

  @ParameterizedTest
  @CsvSource({"direct,direct", "flink,flink", "FLINK,flink", "microbatch,microbatch",
      "' direct ',direct"})
  void fromOptionsCreatesTheNamedRunnerWithTheOptions(String flag, String expected)
      throws Exception {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(flag);
    int before;
    synchronized (CREATED) {
      before = CREATED.size();
    }
    PipelineRunner runner = call(ContextClassLoaders.withTestServices(),
        () -> PipelineRunners.fromOptions(options));
    assertThat(runner).isNotNull();
    synchronized (CREATED) {
      assertThat(CREATED).hasSize(before + 1);
      Object[] created = CREATED.get(before);
      assertThat(created[0]).isEqualTo(expected);
      assertThat(created[1]).isSameAs(options);
    }
  }

  @Test
  void theDefaultRunnerIsDirect() throws Exception {
    PipelineOptions options = PipelineOptionsFactory.create();
    assertThat(options.getRunner()).isEqualTo("direct");
    call(ContextClassLoaders.withTestServices(), () -> PipelineRunners.fromOptions(options));
    synchronized (CREATED) {
      assertThat(CREATED.get(CREATED.size() - 1)[0]).isEqualTo("direct");
    }
  }

  @Test
  void anUnknownRunnerSuggestsTheClosestAndListsTheAvailableOnes() {
    PipelineOptions options = PipelineOptionsFactory.fromArgs("--runner=flnk").create();
    assertThatThrownBy(() -> call(ContextClassLoaders.withTestServices(),
        () -> PipelineRunners.fromOptions(options)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown runner 'flnk'. Did you mean 'flink'? Runners on the class path: "
            + "direct (runs on this machine), flink (runs on a fake cluster), "
            + "microbatch (runs in small batches).");
  }

  @Test
  void anUnknownRunnerFarFromEveryNameGetsNoSuggestion() {
    PipelineOptions options = PipelineOptionsFactory.fromArgs("--runner=spark-on-mars").create();
    assertThatThrownBy(() -> call(ContextClassLoaders.withTestServices(),
        () -> PipelineRunners.fromOptions(options)))
        .hasMessageStartingWith("Unknown runner 'spark-on-mars'. Runners on the class path: direct")
        .hasMessageNotContaining("Did you mean");
  }

  @Test
  void anEmptyRunnerNameListsTheRunners() {
    PipelineOptions options = PipelineOptionsFactory.fromArgs("--runner=").create();
    assertThatThrownBy(() -> call(ContextClassLoaders.withTestServices(),
        () -> PipelineRunners.fromOptions(options)))
        .hasMessageContaining("--runner is empty")
        .hasMessageContaining("flink (runs on a fake cluster)");
  }

  @Test
  void withoutAnyRunnerTheErrorSaysToAddARunnerModule() {
    PipelineOptions options = PipelineOptionsFactory.create();
    assertThatThrownBy(() -> call(ContextClassLoaders.withoutServices(),
        () -> PipelineRunners.fromOptions(options)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No runner is on the class path, so --runner=direct cannot be used")
        .hasMessageContaining("millrace-runners-direct");
  }

  @Test
  void aBrokenServicesEntryIsReportedClearly() {
    assertThatThrownBy(() -> call(ContextClassLoaders.withBrokenServices(),
        PipelineRunners::available))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("A runner on the class path cannot be loaded")
        .hasMessageContaining("dev.millrace.runners.NoSuchRegistrar")
        .hasMessageContaining("META-INF/services/dev.millrace.runners.PipelineRunnerRegistrar");
  }

  @Test
  void runnerOptionsInterfacesAreRegisteredForFlags() throws Exception {
    FakeFlinkOptions options = call(ContextClassLoaders.withTestServices(),
        () -> PipelineOptionsFactory.fromArgs("--runner=flink", "--fakeFlinkSlots=4").create()
            .as(FakeFlinkOptions.class));
    assertThat(options.getFakeFlinkSlots()).isEqualTo(4);
  }

  @Test
  void fromOptionsRejectsNull() {
    assertThatThrownBy(() -> PipelineRunners.fromOptions(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("options");
  }
}
