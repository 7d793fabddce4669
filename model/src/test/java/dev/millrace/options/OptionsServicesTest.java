package dev.millrace.options;

import static dev.millrace.options.ContextClassLoaders.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Options interfaces found on the class path: from {@link PipelineOptionsRegistrar} services and
 * from runners' {@code optionsInterfaces()}, with the test services of {@link
 * ContextClassLoaders#withTestServices()}.
 */
class OptionsServicesTest {
  @Description("Options contributed by a registrar service.")
  public interface ServiceOptions extends PipelineOptions {
    @Description("Contributed by the fixture registrar")
    @Default.String("svc")
    String getServiceContributed();

    void setServiceContributed(String value);
  }

  /** The fixture registrar, listed in the test services file. */
  public static final class Registrar implements PipelineOptionsRegistrar {
    @Override
    public List<Class<? extends PipelineOptions>> getPipelineOptions() {
      return List.of(ServiceOptions.class);
    }
  }

  @Test
  void flagsOfRegistrarAndRunnerInterfacesAreKnownWithoutNamingThem() throws Exception {
    PipelineOptions options = call(ContextClassLoaders.withTestServices(),
        () -> PipelineOptionsFactory
            .fromArgs("--serviceContributed=x", "--fakeFlinkSlots=2").create());
    assertThat(options.as(ServiceOptions.class).getServiceContributed()).isEqualTo("x");
    assertThat(options.asMap()).containsEntry("fakeFlinkSlots", 2);
  }

  @Test
  void helpListsTheServicesInterfaces() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    call(ContextClassLoaders.withTestServices(), () -> {
      PipelineOptionsFactory.printHelp(new PrintStream(bytes, true, StandardCharsets.UTF_8));
      return null;
    });
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains(
        ServiceOptions.class.getName() + ":", "  Options contributed by a registrar service.",
        "--serviceContributed=<String>    (default: svc)", "--fakeFlinkSlots=<int>    (default: 1)",
        "Slots of the fake flink runner");
  }

  @Test
  void theRootAndRegistrarInterfacesAreRegistered() throws Exception {
    List<Class<? extends PipelineOptions>> registered = call(
        ContextClassLoaders.withTestServices(), OptionsRegistry::registered);
    assertThat(registered.get(0)).isEqualTo(PipelineOptions.class);
    assertThat(registered).contains(ServiceOptions.class);
  }
}
