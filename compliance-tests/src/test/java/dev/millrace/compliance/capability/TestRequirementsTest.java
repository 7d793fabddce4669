package dev.millrace.compliance.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.runners.Capability;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a test requires, how an unsupported test is explained, and capability ids. */
class TestRequirementsTest {
  @Requires(Capability.TRIGGERS)
  static class TriggerTests {
    @Requires(Capability.TEST_STREAM)
    void withTestStream() {}

    void plain() {}

    static class Inner {
      void nested() {}
    }
  }

  static class Unannotated {
    void plain() {}

    @Requires({Capability.STATE, Capability.TIMERS})
    void stateful() {}
  }

  static class Sub extends TriggerTests {}

  @Test
  void methodAndClassRequirementsAreUnited() {
    assertThat(TestRequirements.of(TriggerTests.class, "withTestStream"))
        .containsExactlyInAnyOrder(Capability.TRIGGERS, Capability.TEST_STREAM);
    assertThat(TestRequirements.of(TriggerTests.class, "plain"))
        .containsExactly(Capability.TRIGGERS);
  }

  @Test
  void enclosingClassesAndSuperclassesCount() {
    assertThat(TestRequirements.of(TriggerTests.Inner.class, "nested"))
        .containsExactly(Capability.TRIGGERS);
    assertThat(TestRequirements.of(Sub.class, "plain")).containsExactly(Capability.TRIGGERS);
  }

  @Test
  void noAnnotationMeansCore() {
    assertThat(TestRequirements.of(Unannotated.class, "plain")).containsExactly(Capability.CORE);
    assertThat(TestRequirements.of(Unannotated.class, "stateful"))
        .containsExactlyInAnyOrder(Capability.STATE, Capability.TIMERS);
  }

  @Test
  void anUnknownMethodGetsTheClassRequirements() {
    assertThat(TestRequirements.of(TriggerTests.class, "generatedAtRunTime"))
        .containsExactly(Capability.TRIGGERS);
  }

  @Test
  void unsupportedReasonNamesRunnerAndMissingCapabilities() {
    Set<Capability> declared = EnumSet.of(Capability.CORE, Capability.TRIGGERS);
    assertThat(TestRequirements.unsupportedReason("direct", declared, Set.of(Capability.CORE)))
        .isNull();
    assertThat(TestRequirements.unsupportedReason("direct", declared,
        EnumSet.of(Capability.TRIGGERS, Capability.TEST_STREAM)))
        .isEqualTo("UNSUPPORTED: runner direct does not declare capability test-stream");
    assertThat(TestRequirements.unsupportedReason("flink", declared,
        EnumSet.of(Capability.STATE, Capability.TIMERS)))
        .isEqualTo("UNSUPPORTED: runner flink does not declare capabilities state, timers");
  }

  @ParameterizedTest
  @EnumSource(Capability.class)
  void idsRoundTrip(Capability c) {
    assertThat(c.id()).matches("[a-z]+(-[a-z]+)*");
    assertThat(Capability.fromId(c.id())).isEqualTo(c);
    assertThat(Capability.fromId(c.name())).isEqualTo(c);
  }

  @Test
  void anUnknownIdListsTheKnownOnes() {
    assertThatThrownBy(() -> Capability.fromId("trigers"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown capability 'trigers'")
        .hasMessageContaining("triggers");
  }

  @Nested
  class Runners {
    @Test
    void theDirectRunnerDeclaresTheCore() {
      RunnerCapabilities direct = RunnerCapabilities.forRunner("direct");
      assertThat(direct.runner()).isEqualTo("direct");
      assertThat(direct.supports(Capability.CORE)).isTrue();
      assertThat(direct.declared()).contains(Capability.COMBINE, Capability.SIDE_INPUTS);
    }

    @Test
    void anUnknownRunnerIsAClearError() {
      assertThatThrownBy(() -> RunnerCapabilities.forRunner("nosuch"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("'nosuch', which is not on the class path")
          .hasMessageContaining("direct");
    }
  }
}
