package dev.millrace.testing.internal;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.coders.VoidCoder;
import dev.millrace.runners.PipelineVisitor;
import dev.millrace.runners.TransformNode;
import dev.millrace.transforms.PTransform;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.PCollection;
import dev.millrace.values.PDone;

/**
 * One applied assertion: groups the collection globally ({@link GroupGlobally}) and runs a {@link
 * ContentsCheck} on the group, exactly once. Each success increments the counter {@link
 * #SUCCESSES} in the namespace {@link #METRICS_NAMESPACE}, which {@code TestPipeline} compares with
 * the number of assertions applied. Internal.
 *
 * @param <T> the element type
 */
public final class AssertionTransform<T> extends PTransform<PCollection<T>, PDone> {
  /** The namespace of the assertion counters (the {@code PAssert} class's name). */
  public static final String METRICS_NAMESPACE = "dev.millrace.testing.PAssert";
  /** Counts assertions that held. */
  public static final String SUCCESSES = "successes";
  /** Counts assertions that failed. */
  public static final String FAILURES = "failures";
  /** The prefix of assertion step names: {@code PAssert$1}, {@code PAssert$2}, ... */
  public static final String NAME_PREFIX = "PAssert$";

  private final ContentsCheck<T> check;
  private final AssertionSite site;
  private final String what;
  private final PaneSelector selector;

  /**
   * An assertion.
   *
   * @param what what is asserted, for messages, e.g. {@code "containsInAnyOrder"}
   * @param check the check
   * @param site where the assertion was declared
   */
  public AssertionTransform(String what, ContentsCheck<T> check, AssertionSite site) {
    this(what, check, site, null);
  }

  /**
   * An assertion on the elements that {@code selector} picks (all elements when it is null).
   *
   * @param what what is asserted, for messages, e.g. {@code "containsInAnyOrder"}
   * @param check the check
   * @param site where the assertion was declared
   * @param selector the window and panes checked, or null for all elements of all windows
   */
  public AssertionTransform(
      String what, ContentsCheck<T> check, AssertionSite site, PaneSelector selector) {
    super("PAssert");
    this.what = Preconditions.checkNotNull(what);
    this.check = Preconditions.checkNotNull(check);
    this.site = Preconditions.checkNotNull(site);
    this.selector = selector;
  }

  /** Applies the check to {@code actual} under the next free name {@code PAssert$N}. */
  public static <T> PDone applyTo(PCollection<T> actual, AssertionTransform<T> assertion) {
    String name = NAME_PREFIX + (countIn(actual.getPipeline()) + 1);
    return actual.apply(name, assertion);
  }

  /** How many assertions have been applied to the pipeline. */
  public static int countIn(Pipeline pipeline) {
    int[] count = {0};
    pipeline.traverseTopologically(new PipelineVisitor() {
      @Override
      public CompositeBehavior enterCompositeTransform(TransformNode node) {
        if (node.getTransform() instanceof AssertionTransform<?>) {
          count[0]++;
          return CompositeBehavior.DO_NOT_ENTER_TRANSFORM;
        }
        return CompositeBehavior.ENTER_TRANSFORM;
      }

      @Override
      public void visitPrimitiveTransform(TransformNode node) {
        if (node.getTransform() instanceof AssertionTransform<?>) {
          count[0]++;
        }
      }
    });
    return count[0];
  }

  @Override
  public PDone expand(PCollection<T> actual) {
    Pipeline p = actual.getPipeline();
    String description = "Assertion " + p.currentStepName() + " (" + what + " on '"
        + actual.getName() + "', declared at " + site + ")";
    actual.apply("GroupGlobally", new GroupGlobally<>(selector != null))
        .apply("Check", ParDo.of(new CheckFn<>(actual.getCoder(), check, description, selector)))
        .setCoder(VoidCoder.of());
    return PDone.in(p);
  }
}
