package dev.millrace.testing.internal;

import dev.millrace.coders.Coder;
import dev.millrace.metrics.Counter;
import dev.millrace.metrics.Metrics;
import dev.millrace.transforms.DoFn;
import dev.millrace.values.KV;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one {@link ContentsCheck} on the group made by {@link GroupGlobally}: counts a success in
 * the {@code successes} counter of the PAssert namespace, or throws an {@link AssertionError}
 * whose message starts with the assertion's description (step, collection, declaration site).
 * With a {@link PaneSelector}, the group holds {@link WindowedElement}s and only the selected
 * ones are checked; a failure then also shows what the selected window held, pane by pane.
 * Internal.
 *
 * @param <T> the element type
 */
final class CheckFn<T> extends DoFn<KV<Integer, Iterable<byte[]>>, Void> {
  private static final long serialVersionUID = 1L;

  private final Coder<T> coder;
  private final ContentsCheck<T> check;
  private final String description;
  private final Counter successes =
      Metrics.counter(AssertionTransform.METRICS_NAMESPACE, AssertionTransform.SUCCESSES);
  private final Counter failures =
      Metrics.counter(AssertionTransform.METRICS_NAMESPACE, AssertionTransform.FAILURES);

  private final PaneSelector selector;

  CheckFn(Coder<T> coder, ContentsCheck<T> check, String description, PaneSelector selector) {
    this.coder = coder;
    this.check = check;
    this.description = description;
    this.selector = selector;
  }

  @Override
  public void processElement(ProcessContext c) {
    List<byte[]> encodings = new ArrayList<>();
    for (byte[] b : c.element().getValue()) {
      if (b != null) {
        encodings.add(b);
      }
    }
    PaneSelection selection = selector == null ? null : PaneSelection.of(selector, encodings);
    try {
      List<byte[]> selected = selection == null ? encodings : selection.selected();
      check.check(Contents.decode(coder, selected), coder);
    } catch (AssertionFailure e) {
      failures.inc();
      throw new AssertionError(description + " failed:\n" + e.getMessage() + context(selection));
    } catch (AssertionError e) {
      failures.inc();
      throw new AssertionError(
          description + " failed: " + e.getMessage() + context(selection), e);
    }
    successes.inc();
  }

  private String context(PaneSelection selection) {
    return selection == null ? "" : "\n" + selection.context(coder);
  }
}
