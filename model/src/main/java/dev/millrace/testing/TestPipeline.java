package dev.millrace.testing;

import dev.millrace.Pipeline;
import dev.millrace.PipelineExecutionException;
import dev.millrace.PipelineResult;
import dev.millrace.metrics.MetricQueryResults;
import dev.millrace.metrics.MetricResult;
import dev.millrace.metrics.MetricsFilter;
import dev.millrace.options.PipelineOptions;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.runners.PipelineVisitor;
import dev.millrace.runners.TransformNode;
import dev.millrace.testing.internal.AssertionTransform;
import dev.millrace.testing.internal.Enforcement;
import dev.millrace.testing.internal.TestOptionsArgs;
import dev.millrace.transforms.PTransform;
import dev.millrace.values.PInput;
import dev.millrace.values.POutput;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link Pipeline} for tests, registered as a JUnit 5 extension:
 *
 * <pre>{@code
 * class WordCountTest {
 *   @RegisterExtension final TestPipeline p = TestPipeline.create();
 *
 *   @Test
 *   void countsWords() {
 *     PCollection<KV<String, Long>> counts = p.apply(Create.of("a", "b", "a"))
 *         .apply(Count.perElement());
 *     PAssert.that(counts).containsInAnyOrder(KV.of("a", 2L), KV.of("b", 1L));
 *     p.run();
 *   }
 * }
 * }</pre>
 *
 * <p>Options: the flags in the system property {@value TestOptionsArgs#OPTIONS_PROPERTY} (a JSON
 * array such as {@code ["--runner=direct"]}, or flags separated by spaces), plus {@code
 * --runner=NAME} when the system property {@value TestOptionsArgs#RUNNER_PROPERTY} is set; so
 * {@code mvn test -Drunner=NAME} runs a test suite on another runner.
 *
 * <p>{@link #run()} runs the pipeline and waits until it finishes. When it failed because an
 * assertion failed, the {@link AssertionError} is rethrown as it is (not wrapped in a {@link
 * PipelineExecutionException}), so JUnit shows the assertion's message.
 *
 * <p>After each test that did not fail otherwise, the extension checks that a test which declared
 * {@link PAssert} assertions called {@code run()}, and that every declared assertion reported
 * success (an assertion applied after {@code run()} never runs). A test that ran a failing
 * pipeline and caught the failure is not checked further. Each test gets a fresh pipeline:
 * JUnit creates a new test instance, with a new TestPipeline, per test method; a TestPipeline that
 * a previous test already used (a static field, or {@code @TestInstance(PER_CLASS)}) is rejected
 * with an explanation rather than silently shared.
 */
public class TestPipeline extends Pipeline implements BeforeEachCallback, AfterEachCallback {
  private boolean inTest;
  private boolean usedBefore;
  private boolean ran;
  private PipelineResult lastResult;
  private boolean lastRunFailed;

  /** A test pipeline with the given options. */
  protected TestPipeline(PipelineOptions options) {
    super(options);
  }

  /** A test pipeline with the options given by the system properties (see the class comment). */
  public static TestPipeline create() {
    return new TestPipeline(testingPipelineOptions());
  }

  /** A test pipeline with the given options. */
  public static TestPipeline fromOptions(PipelineOptions options) {
    return new TestPipeline(options);
  }

  /** The options given by the system properties (see the class comment). */
  public static PipelineOptions testingPipelineOptions() {
    List<String> args = TestOptionsArgs.fromSystemProperties();
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).create();
  }

  /**
   * Runs the pipeline and waits until it finishes.
   *
   * @return the result of the finished pipeline
   * @throws AssertionError the first assertion error that failed the pipeline, unwrapped
   * @throws PipelineExecutionException if the pipeline failed for another reason
   */
  @Override
  public PipelineResult run(PipelineOptions runOptions) {
    ran = true;
    lastRunFailed = true;
    lastResult = null;
    PipelineResult result = super.run(runOptions);
    try {
      result.waitUntilFinish();
    } catch (PipelineExecutionException e) {
      AssertionError assertion = findAssertionError(e);
      if (assertion != null) {
        throw assertion;
      }
      throw e;
    }
    lastResult = result;
    lastRunFailed = false;
    return result;
  }

  @Override
  public <InputT extends PInput, OutputT extends POutput> OutputT applyTransform(
      String name, InputT input, PTransform<? super InputT, OutputT> transform) {
    if (!inTest) {
      throw new IllegalStateException(
          "This TestPipeline is used outside of a test, or is not registered as an extension. "
              + "Declare it as '@RegisterExtension final TestPipeline p = TestPipeline.create();' "
              + "in the test class (or use Pipeline.create() outside of JUnit tests).");
    }
    return super.applyTransform(name, input, transform);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (usedBefore) {
      throw new IllegalStateException(
          "This TestPipeline was already used by an earlier test (" + testName(context) + " would "
              + "share its steps). Declare it as a non-static field, '@RegisterExtension final "
              + "TestPipeline p = TestPipeline.create();', and keep JUnit's default per-method "
              + "test instance lifecycle, so that every test gets a fresh pipeline.");
    }
    inTest = true;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    inTest = false;
    usedBefore = ran || hasSteps();
    if (context.getExecutionException().isPresent()) {
      return;
    }
    int declared = AssertionTransform.countIn(this);
    long successes = lastResult != null ? successes(lastResult) : 0;
    Enforcement.check(ran, lastRunFailed, declared, successes).ifPresent(message -> {
      throw new AssertionError(testName(context) + ": " + message);
    });
  }

  private static String testName(ExtensionContext context) {
    String cls = context.getTestClass().map(Class::getSimpleName).orElse("");
    String method = context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
    return cls.isEmpty() ? method : cls + "." + method;
  }

  private static long successes(PipelineResult result) {
    MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricsFilter.MetricNameFilter.named(
            AssertionTransform.METRICS_NAMESPACE, AssertionTransform.SUCCESSES))
        .build());
    long total = 0;
    for (MetricResult<Long> r : metrics.counters()) {
      Long v = r.committed() != null ? r.committed() : r.attempted();
      total += v == null ? 0 : v;
    }
    return total;
  }

  private boolean hasSteps() {
    boolean[] any = {false};
    traverseTopologically(new PipelineVisitor() {
      @Override
      public CompositeBehavior enterCompositeTransform(TransformNode node) {
        any[0] = true;
        return CompositeBehavior.DO_NOT_ENTER_TRANSFORM;
      }

      @Override
      public void visitPrimitiveTransform(TransformNode node) {
        any[0] = true;
      }
    });
    return any[0];
  }

  private static AssertionError findAssertionError(Throwable t) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable c = t; c != null && seen.put(c, true) == null; c = c.getCause()) {
      if (c instanceof AssertionError a) {
        return a;
      }
    }
    return null;
  }
}
