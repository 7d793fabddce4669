package dev.millrace.compliance.errors;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.Coder;
import dev.millrace.coders.DoubleCoder;
import dev.millrace.coders.FloatCoder;
import dev.millrace.coders.JsonCoder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.ListCoder;
import dev.millrace.coders.MapCoder;
import dev.millrace.coders.SerializableCoder;
import dev.millrace.coders.SetCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Grouping keys need a deterministic coder (equal keys must encode to equal bytes): groupings by a
 * key with a non-deterministic coder are rejected when applied, naming the step and the coder.
 */
class NonDeterministicKeyTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** A POJO for the JSON coder. */
  public static final class Point {
    public int x;
  }

  static Stream<Arguments> keyCoders() {
    return Stream.of(
        Arguments.of("double", DoubleCoder.of()),
        Arguments.of("float", FloatCoder.of()),
        Arguments.of("map", MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of())),
        Arguments.of("set", SetCoder.of(StringUtf8Coder.of())),
        Arguments.of("java serialization", SerializableCoder.of(java.util.ArrayList.class)),
        Arguments.of("json", JsonCoder.of(Point.class)),
        Arguments.of("kv with a double inside", KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of())),
        Arguments.of("list of doubles", ListCoder.of(DoubleCoder.of())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keyCoders")
  @SuppressWarnings({"unchecked", "rawtypes"})
  void groupByKeyRejectsTheKeyCoder(String name, Coder<?> keyCoder) {
    Coder<KV<Object, Long>> coder = (Coder) KvCoder.of((Coder) keyCoder, VarLongCoder.of());
    PCollection<KV<Object, Long>> in = p.apply(Create.empty(coder));
    assertThatThrownBy(() -> in.apply("GroupIt", GroupByKey.create()))
        .hasMessageContaining("GroupIt")
        .hasMessageContaining("not deterministic");
  }

  @Test
  void countPerElementOfDoublesIsRejected() {
    PCollection<Double> in = p.apply(Create.of(1.0, 2.0));
    assertThatThrownBy(() -> in.apply("CountThem", Count.perElement()))
        .hasMessageContaining("not deterministic");
  }

  @Test
  void deterministicKeysAreAccepted() {
    p.apply(Create.empty(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply(GroupByKey.create());
    p.apply("Nested", Create.empty(KvCoder.of(
            KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), VarLongCoder.of())))
        .apply("GroupNested", GroupByKey.create());
  }
}
