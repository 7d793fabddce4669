package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.coders.VoidCoder;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Keys;
import dev.millrace.transforms.KvSwap;
import dev.millrace.transforms.SimpleFunction;
import dev.millrace.transforms.Values;
import dev.millrace.transforms.WithKeys;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WithKeys, Keys, Values and KvSwap: results and the coders they derive. */
class KeysAndValuesTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** A key function with a known output type (static, so it does not capture the test). */
  static final class Length extends SimpleFunction<String, Integer> {
    @Override
    public Integer apply(String s) {
      return s.length();
    }
  }

  @Test
  void withKeysFromFunctionAndDeclaredKeyType() {
    PCollection<KV<Integer, String>> out = p.apply(Create.of("a", "bb", "cc"))
        .apply(WithKeys.of((String w) -> w.length()).withKeyType(TypeDescriptors.integers()));
    assertThat(out.getCoder()).isEqualTo(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()));
    PAssert.that(out).containsInAnyOrder(KV.of(1, "a"), KV.of(2, "bb"), KV.of(2, "cc"));
    p.run().waitUntilFinish();
  }

  @Test
  void withKeysFromSimpleFunctionInfersTheKeyCoder() {
    PCollection<KV<Integer, String>> out = p.apply(Create.of("abc"))
        .apply(WithKeys.of(new Length()));
    assertThat(out.getCoder()).isEqualTo(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()));
    PAssert.that(out).containsInAnyOrder(KV.of(3, "abc"));
    p.run().waitUntilFinish();
  }

  @Test
  void withConstantKeyAndNullKey() {
    PCollection<String> in = p.apply(Create.of("x", "y"));
    PCollection<KV<String, String>> constant = in.apply("Const", WithKeys.<String, String>of("k"));
    PCollection<KV<Void, String>> nulls = in.apply("Null", WithKeys.<Void, String>of((Void) null));
    assertThat(nulls.getCoder()).isEqualTo(KvCoder.of(VoidCoder.of(), StringUtf8Coder.of()));
    PAssert.that(constant).containsInAnyOrder(KV.of("k", "x"), KV.of("k", "y"));
    PAssert.that(nulls).containsInAnyOrder(KV.of(null, "x"), KV.of(null, "y"));
    p.run().waitUntilFinish();
  }

  @Test
  void withKeysLambdaWithoutKeyTypeSaysToDeclareIt() {
    PCollection<KV<Integer, String>> out = p.apply(Create.of("a"))
        .apply(WithKeys.of((String w) -> w.length()));
    assertThatThrownBy(out::getCoder).hasMessageContaining("withKeyType(TypeDescriptors.");
  }

  @Test
  void keysValuesAndSwap() {
    PCollection<KV<String, Integer>> in =
        p.apply(Create.of(KV.of("a", 1), KV.of("b", 2), KV.of("a", 3)));
    PCollection<String> keys = in.apply(Keys.create());
    PCollection<Integer> values = in.apply(Values.create());
    PCollection<KV<Integer, String>> swapped = in.apply(KvSwap.create());
    assertThat(keys.getCoder()).isEqualTo(StringUtf8Coder.of());
    assertThat(values.getCoder()).isEqualTo(VarIntCoder.of());
    assertThat(swapped.getCoder()).isEqualTo(KvCoder.of(VarIntCoder.of(), StringUtf8Coder.of()));
    PAssert.that(keys).containsInAnyOrder("a", "b", "a");
    PAssert.that(values).containsInAnyOrder(1, 2, 3);
    PAssert.that(swapped).containsInAnyOrder(KV.of(1, "a"), KV.of(2, "b"), KV.of(3, "a"));
    p.run().waitUntilFinish();
  }

  @Test
  void emptyInputs() {
    PCollection<KV<String, Integer>> in =
        p.apply(Create.empty(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())));
    PAssert.that(in.apply(Keys.create())).empty();
    PAssert.that(in.apply(Values.create())).empty();
    PAssert.that(in.apply(KvSwap.create())).empty();
    p.run().waitUntilFinish();
  }
}
