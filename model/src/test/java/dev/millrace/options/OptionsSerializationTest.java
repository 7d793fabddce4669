package dev.millrace.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Options are shipped to workers with Java serialization. */
class OptionsSerializationTest {
  public enum Mode { BATCH, STREAMING }

  public interface ShippedOptions extends PipelineOptions {
    @Default.Integer(3)
    int getShards();

    void setShards(int value);

    String getInput();

    void setInput(String value);

    Mode getMode();

    void setMode(Mode value);

    Duration getTimeout();

    void setTimeout(Duration value);

    List<String> getTags();

    void setTags(List<String> value);

    Object getHandle();

    void setHandle(Object value);
  }

  public interface ExtraOptions extends PipelineOptions {
    @Default.Long(7L)
    long getSeed();

    void setSeed(long value);
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void everyKindOfValueSurvivesARoundTrip() throws Exception {
    ShippedOptions options = PipelineOptionsFactory.fromArgs("--input=in.txt", "--shards=4",
        "--mode=streaming", "--timeout=PT3S", "--tags=a,b", "--runner=microbatch")
        .as(ShippedOptions.class);
    ShippedOptions copy = roundTrip(options);
    assertThat(copy).isNotSameAs(options);
    assertThat(copy.getInput()).isEqualTo("in.txt");
    assertThat(copy.getShards()).isEqualTo(4);
    assertThat(copy.getMode()).isEqualTo(Mode.STREAMING);
    assertThat(copy.getTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(copy.getTags()).containsExactly("a", "b");
    assertThat(copy.getRunner()).isEqualTo("microbatch");
    assertThat(copy.toString()).isEqualTo(options.toString());
  }

  @Test
  void defaultsAndFurtherViewsWorkOnTheCopy() throws Exception {
    ShippedOptions copy = roundTrip(PipelineOptionsFactory.as(ShippedOptions.class));
    assertThat(copy.getShards()).isEqualTo(3);
    ExtraOptions extra = copy.as(ExtraOptions.class);
    assertThat(extra.getSeed()).isEqualTo(7L);
    extra.as(ShippedOptions.class).setShards(11);
    assertThat(copy.getShards()).isEqualTo(11);
  }

  @Test
  void viewsKnownBeforeShippingAreStillAvailable() throws Exception {
    ShippedOptions options = PipelineOptionsFactory.as(ShippedOptions.class);
    options.as(ExtraOptions.class).setSeed(99L);
    PipelineOptions copy = roundTrip((PipelineOptions) options);
    assertThat(copy).isInstanceOf(ShippedOptions.class);
    assertThat(copy.as(ExtraOptions.class).getSeed()).isEqualTo(99L);
  }

  /** Hands out 1, 2, 3, ... so a recomputed default is told apart from a shipped one. */
  public static final class TicketFactory implements DefaultValueFactory<Integer> {
    static final AtomicInteger NEXT = new AtomicInteger();

    @Override
    public Integer create(PipelineOptions options) {
      return NEXT.incrementAndGet();
    }
  }

  public interface TicketOptions extends PipelineOptions {
    @Default.InstanceFactory(TicketFactory.class)
    Integer getTicket();

    void setTicket(Integer value);
  }

  @Test
  void aComputedDefaultIsTheSameOnEveryMachineOnceRead() throws Exception {
    TicketOptions options = PipelineOptionsFactory.as(TicketOptions.class);
    int ticket = options.getTicket();
    String jobName = options.getJobName();
    TicketOptions copy = roundTrip(options);
    assertThat(copy.getTicket()).isEqualTo(ticket);
    assertThat(copy.getJobName()).isEqualTo(jobName);
    assertThat(roundTrip(copy).getTicket()).isEqualTo(ticket);
  }

  @Test
  void aDefaultNotYetReadIsComputedWhereItIsRead() throws Exception {
    TicketOptions copy = roundTrip(PipelineOptionsFactory.as(TicketOptions.class));
    int before = TicketFactory.NEXT.get();
    assertThat(copy.getTicket()).isGreaterThan(before);
  }

  @Test
  void aValueThatCannotBeSerializedIsNamed() {
    ShippedOptions options = PipelineOptionsFactory.as(ShippedOptions.class);
    options.setHandle(new Object());
    assertThatThrownBy(() -> roundTrip(options))
        .isInstanceOf(NotSerializableException.class)
        .hasMessageContaining("The option 'handle' holds a java.lang.Object, which is not "
            + "Serializable");
    options.setHandle("a serializable string");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> roundTrip(options))).isNull();
  }
}
