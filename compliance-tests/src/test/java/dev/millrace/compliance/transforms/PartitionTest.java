package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.VarIntCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Partition;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Partition: routing, coders, empty partitions, and out-of-range indexes. */
@Requires(Capability.MULTIPLE_OUTPUTS)
class PartitionTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  @Test
  void routesEveryElementToItsPartition() {
    PCollectionList<Integer> parts = p.apply(Create.of(0, 1, 2, 3, 4, 5, 6))
        .apply(Partition.of(3, (Integer x, int n) -> x % n));
    assertThat(parts.size()).isEqualTo(3);
    for (PCollection<Integer> part : parts.getAll()) {
      assertThat(part.getCoder()).isEqualTo(VarIntCoder.of());
    }
    PAssert.that(parts.get(0)).containsInAnyOrder(0, 3, 6);
    PAssert.that(parts.get(1)).containsInAnyOrder(1, 4);
    PAssert.that(parts.get(2)).containsInAnyOrder(2, 5);
    p.run().waitUntilFinish();
  }

  @Test
  void unusedPartitionsAndEmptyInputAreEmpty() {
    PCollectionList<Integer> parts =
        p.apply("in", Create.of(1, 2)).apply("split", Partition.of(2, (Integer x, int n) -> 0));
    PAssert.that(parts.get(0)).containsInAnyOrder(1, 2);
    PAssert.that(parts.get(1)).empty();
    PCollectionList<Integer> empty = p.apply("empty", Create.empty(VarIntCoder.of()))
        .apply("splitEmpty", Partition.of(1, (Integer x, int n) -> 0));
    PAssert.that(empty.get(0)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void outOfRangeIndexFailsNamingElementAndRange() {
    p.apply(Create.of(1, 2, 42)).apply(Partition.of(3, (Integer x, int n) -> x == 42 ? 5 : 0));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .satisfies(e -> assertThat(Throwables.allMessages(e))
            .contains("returned partition 5 for element 42")
            .contains("valid range is 0 to 2"));
  }

  @Test
  void rejectsZeroPartitions() {
    assertThatThrownBy(() -> Partition.of(0, (Integer x, int n) -> 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one partition");
  }
}
