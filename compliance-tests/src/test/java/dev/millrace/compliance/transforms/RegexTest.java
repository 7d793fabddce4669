package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Regex;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Regex: matches, find, their group/list/KV forms, replace, split, and invalid groups. */
class RegexTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  @Test
  void matchesWholeElementsOnly() {
    PCollection<String> in = p.apply(Create.of("a1", "b22", "x a1", "c"));
    PAssert.that(in.apply("whole", Regex.matches("[a-z]\\d+"))).containsInAnyOrder("a1", "b22");
    PAssert.that(in.apply("group", Regex.matches("([a-z])(\\d+)", 2)))
        .containsInAnyOrder("1", "22");
    PAssert.that(in.apply("named", Regex.matches("(?<letter>[a-z])\\d+", "letter")))
        .containsInAnyOrder("a", "b");
    PAssert.that(in.apply("all", Regex.allMatches("([a-z])(\\d+)")))
        .containsInAnyOrder(List.of("a1", "a", "1"), List.of("b22", "b", "22"));
    PAssert.that(in.apply("kv", Regex.matchesKV("([a-z])(\\d+)", 1, 2)))
        .containsInAnyOrder(KV.of("a", "1"), KV.of("b", "22"));
    p.run().waitUntilFinish();
  }

  @Test
  void findUsesTheFirstMatchWithinElements() {
    PCollection<String> in = p.apply(Create.of("x=1 y=2", "none", "z=3"));
    PAssert.that(in.apply("find", Regex.find("\\w=\\d"))).containsInAnyOrder("x=1", "z=3");
    PAssert.that(in.apply("group", Regex.find("(\\w)=(\\d)", 2))).containsInAnyOrder("1", "3");
    PAssert.that(in.apply("named", Regex.find("(?<k>\\w)=\\d", "k"))).containsInAnyOrder("x", "z");
    PAssert.that(in.apply("all", Regex.findAll("(\\w)=(\\d)")))
        .containsInAnyOrder(List.of("x=1", "x", "1"), List.of("z=3", "z", "3"));
    PAssert.that(in.apply("kv", Regex.findKV("(\\w)=(\\d)", 1, 2)))
        .containsInAnyOrder(KV.of("x", "1"), KV.of("z", "3"));
    p.run().waitUntilFinish();
  }

  @Test
  void optionalGroupThatDidNotMatchSkipsTheElement() {
    PCollection<String> in = p.apply(Create.of("ab", "a"));
    PAssert.that(in.apply(Regex.matches("a(b)?", 1))).containsInAnyOrder("b");
    PAssert.that(in.apply("all", Regex.allMatches("a(b)?")))
        .containsInAnyOrder(List.of("ab", "b"), Arrays.asList("a", null));
    p.run().waitUntilFinish();
  }

  @Test
  void replaceAllAndFirst() {
    PCollection<String> in = p.apply(Create.of("a-b-c", "none"));
    PAssert.that(in.apply("all", Regex.replaceAll("-", "+"))).containsInAnyOrder("a+b+c", "none");
    PAssert.that(in.apply("first", Regex.replaceFirst("-", "+")))
        .containsInAnyOrder("a+b-c", "none");
    PAssert.that(in.apply("groups", Regex.replaceAll("(\\w)-(\\w)", "$2$1")))
        .containsInAnyOrder("ba-c", "none");
    p.run().waitUntilFinish();
  }

  @Test
  void splitDropsEmptyPiecesUnlessAsked() {
    PCollection<String> in = p.apply(Create.of(",a,,b,"));
    PAssert.that(in.apply("split", Regex.split(","))).containsInAnyOrder("a", "b");
    PAssert.that(in.apply("splitEmpty", Regex.split(",", true)))
        .containsInAnyOrder("", "a", "", "b", "");
    p.run().waitUntilFinish();
  }

  @Test
  void emptyInput() {
    PAssert.that(p.apply(Create.empty(StringUtf8Coder.of())).apply(Regex.find("x"))).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void invalidRegexAndGroupsAreRejectedAtConstruction() {
    assertThatThrownBy(() -> Regex.matches("(a)", 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("group 2 does not exist");
    assertThatThrownBy(() -> Regex.find("(unclosed"))
        .isInstanceOf(java.util.regex.PatternSyntaxException.class);
  }
}
