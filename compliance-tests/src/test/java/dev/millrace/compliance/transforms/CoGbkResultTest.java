package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.CoderUtils;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.transforms.join.CoGbkResult;
import dev.millrace.transforms.join.CoGbkResultCoder;
import dev.millrace.values.TupleTag;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CoGbkResult access by tag, equality ignoring value order, and its coder. */
class CoGbkResultTest {
  private final TupleTag<String> emails = new TupleTag<>("emails");
  private final TupleTag<Integer> ages = new TupleTag<>("ages");

  @Test
  void resultAccessors() {
    CoGbkResult r = CoGbkResult.of(emails, List.of("a", "b")).and(ages, List.of(7));
    assertThat(r.getAll(emails)).containsExactly("a", "b");
    assertThat(r.getOnly(ages)).isEqualTo(7);
    assertThat(CoGbkResult.of(ages, List.<Integer>of()).getOnly(ages, 5)).isEqualTo(5);
    assertThatThrownBy(() -> r.getOnly(emails)).hasMessageContaining("exactly one value");
    assertThatThrownBy(() -> r.getAll(new TupleTag<String>("other")))
        .hasMessageContaining("no tag 'other'");
    assertThat(r).isEqualTo(CoGbkResult.of(emails, List.of("b", "a")).and(ages, List.of(7)));
    assertThat(r).isNotEqualTo(CoGbkResult.of(emails, List.of("a")).and(ages, List.of(7)));
  }

  @Test
  void resultCoderRoundTrips() throws Exception {
    CoGbkResultCoder coder = CoGbkResultCoder.of(List.of("emails", "ages"),
        List.of(StringUtf8Coder.of(), VarIntCoder.of()));
    CoGbkResult r = CoGbkResult.of(emails, List.of("a", "b")).and(ages, List.of(7));
    CoGbkResult back = CoderUtils.clone(coder, r);
    assertThat(back).isEqualTo(r);
    assertThat(back.getAll(emails)).containsExactly("a", "b");
  }
}
