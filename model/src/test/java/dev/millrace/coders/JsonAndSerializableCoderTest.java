package dev.millrace.coders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.values.TypeDescriptor;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The two fallback coders for classes that are not records. */
class JsonAndSerializableCoderTest {

  public static class Event {
    public String user;
    public long score;
    public List<String> tags;

    public Event() {}

    Event(String user, long score, List<String> tags) {
      this.user = user;
      this.score = score;
      this.tags = tags;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Event e && Objects.equals(user, e.user) && score == e.score
          && Objects.equals(tags, e.tags);
    }

    @Override
    public int hashCode() {
      return Objects.hash(user, score, tags);
    }
  }

  /** Jackson cannot create it (no default constructor) nor see its state. */
  public static class Opaque {
    private final int x;

    public Opaque(int x) {
      this.x = x;
    }

    int x() {
      return x;
    }
  }

  record Rec(String a, int b) {}

  static class Legacy implements Serializable {
    String name;
    int[] values;

    Legacy(String name, int[] values) {
      this.name = name;
      this.values = values;
    }
  }

  static class NotSerializable {}

  @Test
  void jsonRoundTripsPojosRecordsGenericsAndNull() throws Exception {
    CoderTester.roundTrip(JsonCoder.of(Event.class), new Event("ann", 3, List.of("a", "b")));
    CoderTester.roundTrip(JsonCoder.of(Event.class), null);
    CoderTester.roundTrip(JsonCoder.of(Rec.class), new Rec("é", -1));
    Coder<Map<String, List<Rec>>> generic = JsonCoder.of(new TypeDescriptor<Map<String, List<Rec>>>() {});
    Map<String, List<Rec>> value = Map.of("k", List.of(new Rec("x", 1)));
    assertThat(CoderUtils.clone(generic, value)).isEqualTo(value);
    CoderTester.selfDelimiting(JsonCoder.of(Rec.class), List.of(new Rec("a", 1), new Rec("b", 2)));
    CoderTester.serializedCopy(JsonCoder.of(Event.class));
  }

  @Test
  void jsonFailuresNameTheClassAndTheFix() throws Exception {
    assertThatThrownBy(() -> CoderUtils.encodeToByteArray(JsonCoder.of(Opaque.class), new Opaque(1)))
        .isInstanceOf(CoderException.class)
        .hasMessageContaining("cannot serialize a value of " + Opaque.class.getName())
        .hasMessageContaining("getters");
    byte[] json = CoderUtils.encodeToByteArray(ByteArrayCoder.of(), "{\"x\":1}".getBytes());
    assertThatThrownBy(() -> CoderUtils.decodeFromByteArray(JsonCoder.of(Opaque.class), json))
        .isInstanceOf(CoderException.class)
        .hasMessageContaining("cannot deserialize a value of " + Opaque.class.getName())
        .hasMessageContaining("@JsonCreator");
  }

  @Test
  void serializableCoderRoundTripsAndWarnsOncePerClass() throws Exception {
    SerializableCoder<Legacy> coder = SerializableCoder.of(Legacy.class);
    Legacy back = CoderUtils.clone(coder, new Legacy("n", new int[] {1, 2}));
    assertThat(back.name).isEqualTo("n");
    assertThat(back.values).containsExactly(1, 2);
    assertThat(CoderUtils.clone(coder, null)).isNull();
    assertThat(coder).hasToString("SerializableCoder(" + Legacy.class.getName() + ")");
    assertThat(SerializableCoder.warnedAbout(Legacy.class)).isTrue();
    assertThat(SerializableCoder.warnedAbout(Rec.class)).isFalse();
    CoderTester.serializedCopy(coder);
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void serializableCoderRejectsNonSerializableClasses() {
    assertThatThrownBy(() -> SerializableCoder.of((Class) NotSerializable.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(NotSerializable.class.getName())
        .hasMessageContaining("does not implement java.io.Serializable");
  }
}
