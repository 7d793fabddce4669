package dev.millrace.testing.internal;

import dev.millrace.coders.Coder;
import java.util.List;

/**
 * The collection holds exactly the expected elements, in any order, each as many times as
 * expected. The failure message is a diff:
 *
 * <pre>
 * Expected (in any order): [a, b, c]
 *   Actual: [a, b, d]
 *   Missing: [c]
 *   Unexpected: [d]
 * </pre>
 *
 * Internal.
 *
 * @param expected the expected elements, encoded with the collection's coder
 * @param <T> the element type
 */
public record ContainsInAnyOrderCheck<T>(List<byte[]> expected) implements ContentsCheck<T> {

  @Override
  public void check(Contents<T> actual, Coder<T> coder) {
    Contents<T> exp = Contents.decode(coder, expected);
    MultisetDiff diff = MultisetDiff.of(exp, actual);
    if (diff.isEmpty()) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    if (exp.size() == 0) {
      sb.append("Expected an empty collection");
    } else {
      sb.append("Expected (in any order): ").append(Rendering.list(exp.values()));
    }
    sb.append("\n  Actual: ").append(Rendering.list(actual.values()));
    if (exp.size() != actual.size() && (exp.size() > 10 || actual.size() > 10)) {
      sb.append("\n  Sizes: expected ").append(exp.size()).append(", actual ")
          .append(actual.size());
    }
    if (!diff.missing().isEmpty()) {
      sb.append("\n  Missing: ").append(Rendering.strings(diff.missing()));
    }
    if (!diff.unexpected().isEmpty()) {
      sb.append("\n  Unexpected: ").append(Rendering.strings(diff.unexpected()));
    }
    throw new AssertionFailure(sb.toString());
  }
}
