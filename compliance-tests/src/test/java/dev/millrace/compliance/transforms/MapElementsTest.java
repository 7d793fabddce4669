package dev.millrace.compliance.transforms;

import static dev.millrace.values.TypeDescriptors.integers;
import static dev.millrace.values.TypeDescriptors.kvs;
import static dev.millrace.values.TypeDescriptors.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Filter;
import dev.millrace.transforms.FlatMapElements;
import dev.millrace.transforms.MapElements;
import dev.millrace.transforms.SimpleFunction;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** MapElements, FlatMapElements and SimpleFunction: results, output coders and type errors. */
class MapElementsTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /**
   * Functions are static nested classes: an anonymous class in a test method would capture the
   * (non-serialisable) test instance and be rejected.
   */
  static final class Doubler extends SimpleFunction<Integer, Integer> {
    @Override
    public Integer apply(Integer x) {
      return 2 * x;
    }
  }

  /** {@code n} copies of {@code n}. */
  static final class Repeat extends SimpleFunction<Integer, List<Integer>> {
    @Override
    public List<Integer> apply(Integer n) {
      return java.util.Collections.nCopies(n, n);
    }
  }

  /** An anonymous function capturing the test instance is rejected, naming the field. */
  @Test
  void anonymousFunctionCapturingTheTestIsRejected() {
    PCollection<Integer> in = p.apply(Create.of(1));
    assertThatThrownBy(() -> in.apply(MapElements.via(new SimpleFunction<Integer, Integer>() {
      @Override
      public Integer apply(Integer x) {
        return x;
      }
    }))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("this$0");
  }

  @Test
  void mapsEveryElementWithDeclaredType() {
    PCollection<Integer> lengths = p.apply(Create.of("a", "bb", "ccc"))
        .apply(MapElements.into(integers()).via(String::length));
    assertThat(lengths.getCoder()).isEqualTo(VarIntCoder.of());
    PAssert.that(lengths).containsInAnyOrder(1, 2, 3);
    p.run().waitUntilFinish();
  }

  @Test
  void mapsToKvsWithInferredKvCoder() {
    PCollection<KV<String, Integer>> kvs = p.apply(Create.of("a", "bb"))
        .apply(MapElements.into(kvs(strings(), integers())).via(w -> KV.of(w, w.length())));
    assertThat(kvs.getCoder()).isEqualTo(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()));
    PAssert.that(kvs).containsInAnyOrder(KV.of("a", 1), KV.of("bb", 2));
    p.run().waitUntilFinish();
  }

  @Test
  void simpleFunctionGivesTheOutputType() {
    PCollection<Integer> doubled = p.apply(Create.of(1, 2, 3))
        .apply(MapElements.via(new Doubler()));
    assertThat(doubled.getCoder()).isEqualTo(VarIntCoder.of());
    PAssert.that(doubled).containsInAnyOrder(2, 4, 6);
    p.run().waitUntilFinish();
  }

  @Test
  void emptyInputGivesEmptyOutput() {
    PCollection<String> out = p.apply(Create.empty(VarIntCoder.of()))
        .apply(MapElements.into(strings()).via(x -> "n" + x));
    PAssert.that(out).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void lambdaWithoutIntoFailsWhenTheOutputIsUsedAndSaysToAddInto() {
    PCollection<String> out = p.apply(Create.of(1, 2))
        .apply(MapElements.via((Integer x) -> "n" + x));
    assertThatThrownBy(() -> out.apply(Filter.by(s -> !s.isEmpty())))
        .hasMessageContaining("MapElements.into(TypeDescriptors.")
        .hasMessageContaining("MapElements");
  }

  @Test
  void lambdaWithoutIntoWorksWhenTheCoderIsSet() {
    PCollection<String> out = p.apply(Create.of(1, 2))
        .apply(MapElements.via((Integer x) -> "n" + x));
    out.setCoder(StringUtf8Coder.of());
    PAssert.that(out).containsInAnyOrder("n1", "n2");
    p.run().waitUntilFinish();
  }

  @Test
  void nonSerializableLambdaIsRejectedWhenApplied() {
    Object notSerializable = new Object();
    PCollection<Integer> in = p.apply(Create.of(1));
    assertThatThrownBy(() -> in.apply(
            MapElements.into(strings()).via(x -> x + notSerializable.toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the function of step 'MapElements'");
  }

  @Test
  void flatMapOutputsEveryElementOfTheIterable() {
    PCollection<String> words = p.apply(Create.of("a b", "", "c d e"))
        .apply(FlatMapElements.into(strings())
            .via(line -> line.isEmpty() ? List.<String>of() : Arrays.asList(line.split(" "))));
    assertThat(words.getCoder()).isEqualTo(StringUtf8Coder.of());
    PAssert.that(words).containsInAnyOrder("a", "b", "c", "d", "e");
    p.run().waitUntilFinish();
  }

  @Test
  void flatMapWithSimpleFunctionInfersTheElementType() {
    PCollection<Integer> out = p.apply(Create.of(2, 3))
        .apply(FlatMapElements.via(new Repeat()));
    assertThat(out.getCoder()).isEqualTo(VarIntCoder.of());
    PAssert.that(out).containsInAnyOrder(2, 2, 3, 3, 3);
    p.run().waitUntilFinish();
  }

  @Test
  void flatMapLambdaWithoutIntoSaysToAddInto() {
    PCollection<String> out = p.apply(Create.of("a b"))
        .apply(FlatMapElements.via((String s) -> Arrays.asList(s.split(" "))));
    assertThatThrownBy(out::getCoder)
        .hasMessageContaining("FlatMapElements.into(TypeDescriptors.");
  }

  @Requires(Capability.COMBINE)
  @Test
  void wordCountStyleChainInfersEveryCoder() {
    PCollection<String> out = p.apply(Create.of("the cat", "the dog"))
        .apply(FlatMapElements.into(strings()).via(line -> List.of(line.split("[^\\p{L}]+"))))
        .apply(Filter.by(w -> !w.isEmpty()))
        .apply(dev.millrace.transforms.Count.perElement())
        .apply(MapElements.into(strings()).via(kv -> kv.getKey() + ": " + kv.getValue()));
    PAssert.that(out).containsInAnyOrder("the: 2", "cat: 1", "dog: 1");
    p.run().waitUntilFinish();
  }
}
