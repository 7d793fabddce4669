package dev.millrace.compliance.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.PipelineExecutionException;
import dev.millrace.PipelineResult;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.PCollection;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TestPipeline: run() waits and unwraps assertion failures; the after-test checks (assertions
 * declared but the pipeline never run, assertions applied after run()); one pipeline per test. The
 * checks are exercised on pipelines that are not registered with JUnit, by calling the extension
 * callbacks directly with a minimal ExtensionContext.
 */
class TestPipelineTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  @Test
  void isAPipelineAndRunWaitsUntilFinished() {
    assertThat(p).isInstanceOf(Pipeline.class);
    PAssert.that(p.apply(Create.of(1))).containsInAnyOrder(1);
    PipelineResult result = p.run();
    assertThat(result.getState()).isEqualTo(PipelineResult.State.DONE);
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
  }

  @Test
  void otherFailuresStayPipelineExecutionExceptions() {
    p.apply(Create.of(1, 2)).apply(ParDo.of(new Fails()));
    assertThatThrownBy(p::run)
        .isInstanceOf(PipelineExecutionException.class)
        .hasRootCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void aUsersAssertionErrorInADoFnIsRethrownAsItIs() {
    p.apply(Create.of(1)).apply(ParDo.of(new AssertsInside()));
    assertThatThrownBy(p::run)
        .isExactlyInstanceOf(AssertionError.class)
        .hasMessage("element 1 is bad");
  }

  @Test
  void assertionsWithoutRunFailAfterTheTest() {
    TestPipeline q = TestPipeline.create();
    q.beforeEach(context(null));
    PAssert.that(q.apply(Create.of(1))).containsInAnyOrder(1);
    assertThatThrownBy(() -> q.afterEach(context(null)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("applied 1 PAssert assertion but never ran the pipeline")
        .hasMessageContaining("Call p.run()");
  }

  @Test
  void assertionsAppliedAfterRunFailAfterTheTest() {
    TestPipeline q = TestPipeline.create();
    q.beforeEach(context(null));
    PCollection<Integer> one = q.apply(Create.of(1));
    PAssert.that(one).containsInAnyOrder(1);
    q.run();
    PAssert.thatSingleton(one).isEqualTo(1);
    assertThatThrownBy(() -> q.afterEach(context(null)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("2 assertions were declared but only 1 ran");
  }

  @Test
  void aPassingTestPassesTheChecks() {
    TestPipeline q = TestPipeline.create();
    q.beforeEach(context(null));
    PAssert.that(q.apply(Create.of(1, 2))).containsInAnyOrder(2, 1);
    q.run();
    assertThatCode(() -> q.afterEach(context(null))).doesNotThrowAnyException();
  }

  @Test
  void aTestWithoutAssertionsNeedNotRun() {
    TestPipeline q = TestPipeline.create();
    q.beforeEach(context(null));
    q.apply(Create.of(1));
    assertThatCode(() -> q.afterEach(context(null))).doesNotThrowAnyException();
  }

  @Test
  void aTestThatAlreadyFailedIsNotCheckedFurther() {
    TestPipeline q = TestPipeline.create();
    q.beforeEach(context(null));
    PAssert.that(q.apply(Create.of(1))).containsInAnyOrder(1);
    assertThatCode(() -> q.afterEach(context(new IllegalStateException("test failed"))))
        .doesNotThrowAnyException();
  }

  @Test
  void aCaughtFailedRunIsNotCheckedFurther() {
    TestPipeline q = TestPipeline.create();
    q.beforeEach(context(null));
    PAssert.that(q.apply(Create.of(1))).containsInAnyOrder(2);
    assertThatThrownBy(q::run).isInstanceOf(AssertionError.class);
    assertThatCode(() -> q.afterEach(context(null))).doesNotThrowAnyException();
  }

  @Test
  void aPipelineUsedByAnEarlierTestIsRejected() {
    TestPipeline q = TestPipeline.create();
    q.beforeEach(context(null));
    q.apply(Create.of(1));
    q.afterEach(context(null));
    assertThatThrownBy(() -> q.beforeEach(context(null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already used by an earlier test")
        .hasMessageContaining("@RegisterExtension final TestPipeline p = TestPipeline.create();");
  }

  @Test
  void usingItOutsideOfATestIsAnError() {
    TestPipeline q = TestPipeline.create();
    assertThatThrownBy(() -> q.apply(Create.of(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@RegisterExtension");
  }

  /** Fails on every element. */
  static final class Fails extends DoFn<Integer, Integer> {
    @Override
    public void processElement(ProcessContext c) {
      throw new IllegalStateException("no " + c.element());
    }
  }

  /** Throws an AssertionError, as a user's assertion inside a DoFn would. */
  static final class AssertsInside extends DoFn<Integer, Integer> {
    @Override
    public void processElement(ProcessContext c) {
      throw new AssertionError("element " + c.element() + " is bad");
    }
  }

  /** An ExtensionContext that answers only what TestPipeline asks. */
  private static ExtensionContext context(Throwable failure) {
    return (ExtensionContext) Proxy.newProxyInstance(
        TestPipelineTest.class.getClassLoader(),
        new Class<?>[] {ExtensionContext.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getExecutionException" -> Optional.ofNullable(failure);
          case "getDisplayName" -> "fakeTest()";
          case "toString" -> "FakeExtensionContext";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> {
            if (method.getReturnType() == Optional.class) {
              yield Optional.empty();
            }
            throw new UnsupportedOperationException(method.getName());
          }
        });
  }
}
