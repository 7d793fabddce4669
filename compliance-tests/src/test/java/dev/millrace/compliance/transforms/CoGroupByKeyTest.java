package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.MapElements;
import dev.millrace.transforms.join.CoGbkResult;
import dev.millrace.transforms.join.CoGbkResultCoder;
import dev.millrace.transforms.join.CoGroupByKey;
import dev.millrace.transforms.join.KeyedPCollectionTuple;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TupleTag;
import dev.millrace.values.TypeDescriptors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CoGroupByKey over KeyedPCollectionTuple, CoGbkResult access and its coder. */
class CoGroupByKeyTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private final TupleTag<String> emails = new TupleTag<>("emails");
  private final TupleTag<Integer> ages = new TupleTag<>("ages");

  @Test
  void groupsEveryInputByKey() {
    PCollection<KV<String, String>> e = p.apply("e", Create.of(
        KV.of("amy", "amy@a.org"), KV.of("amy", "amy@b.org"), KV.of("bob", "bob@a.org")));
    PCollection<KV<String, Integer>> a = p.apply("a", Create.of(KV.of("amy", 30), KV.of("cat", 4)));
    PCollection<KV<String, CoGbkResult>> joined =
        KeyedPCollectionTuple.of(emails, e).and(ages, a).apply(CoGroupByKey.create());
    assertThat(joined.getCoder()).isEqualTo(KvCoder.of(StringUtf8Coder.of(),
        CoGbkResultCoder.of(List.of("emails", "ages"),
            List.of(StringUtf8Coder.of(), VarIntCoder.of()))));
    PAssert.that(joined).containsInAnyOrder(
        KV.of("amy", CoGbkResult.of(emails, List.of("amy@b.org", "amy@a.org"))
            .and(ages, List.of(30))),
        KV.of("bob", CoGbkResult.of(emails, List.of("bob@a.org")).and(ages, List.<Integer>of())),
        KV.of("cat", CoGbkResult.of(emails, List.<String>of()).and(ages, List.of(4))));
    p.run().waitUntilFinish();
  }

  @Test
  void getOnlyWithDefaultsInAJoin() {
    PCollection<KV<String, String>> e = p.apply("e", Create.of(KV.of("amy", "x"), KV.of("bob", "y")));
    PCollection<KV<String, Integer>> a = p.apply("a", Create.of(KV.of("amy", 30)));
    TupleTag<String> emailTag = emails;
    TupleTag<Integer> ageTag = ages;
    PCollection<String> rows = KeyedPCollectionTuple.of(emailTag, e).and(ageTag, a)
        .apply(CoGroupByKey.create())
        .apply(MapElements.into(TypeDescriptors.strings()).via(kv -> kv.getKey() + ","
            + kv.getValue().getOnly(emailTag) + "," + kv.getValue().getOnly(ageTag, -1)));
    PAssert.that(rows).containsInAnyOrder("amy,x,30", "bob,y,-1");
    p.run().waitUntilFinish();
  }

  @Test
  void emptyInputsGiveEmptyOutput() {
    KvCoder<String, Integer> coder = KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());
    PCollection<KV<String, CoGbkResult>> joined = KeyedPCollectionTuple
        .of("x", p.apply("x", Create.empty(coder)))
        .and("y", p.apply("y", Create.empty(coder)))
        .apply(CoGroupByKey.create());
    PAssert.that(joined).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void differentKeyCodersAreRejected() {
    PCollection<KV<String, Integer>> x = p.apply("x", Create.of(KV.of("a", 1)));
    PCollection<KV<Long, Integer>> y = p.apply("y", Create.of(KV.of(1L, 1)))
        .setCoder(KvCoder.of(VarLongCoder.of(), VarIntCoder.of()));
    @SuppressWarnings({"unchecked", "rawtypes"})
    KeyedPCollectionTuple<String> tuple =
        KeyedPCollectionTuple.of("x", x).and("y", (PCollection) y);
    assertThatThrownBy(() -> tuple.apply(CoGroupByKey.create()))
        .hasMessageContaining("equal key coders");
  }
}
