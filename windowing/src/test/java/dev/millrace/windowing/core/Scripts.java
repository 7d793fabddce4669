package dev.millrace.windowing.core;

import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.WindowingStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny script language for grouping tests. Steps: {@code "a:1@5 b:4@7"} adds one bundle
 * (key:value@time), {@code "wm:60"} / {@code "wm:inf"} advances the input watermark,
 * {@code "pt:100"} advances processing time.
 */
final class Scripts {
  private Scripts() {}

  static <O> void run(GroupAlsoByWindowTester<O> tester, List<String> steps) {
    for (String step : steps) {
      if (step.startsWith("wm:")) {
        String t = step.substring(3);
        if (t.equals("inf")) {
          tester.advanceWatermarkToInfinity();
        } else {
          tester.advanceWatermark(Long.parseLong(t));
        }
      } else if (step.startsWith("pt:")) {
        tester.advanceProcessingTime(Long.parseLong(step.substring(3)));
      } else {
        tester.addBundle(bundle(step));
      }
    }
  }

  static List<GroupAlsoByWindowTester.Element> bundle(String step) {
    List<GroupAlsoByWindowTester.Element> elements = new ArrayList<>();
    for (String e : step.trim().split("\\s+")) {
      int colon = e.indexOf(':');
      int at = e.indexOf('@');
      elements.add(
          new GroupAlsoByWindowTester.Element(
              e.substring(0, colon),
              Long.parseLong(e.substring(colon + 1, at)),
              Long.parseLong(e.substring(at + 1))));
    }
    return elements;
  }

  /** Fixed windows of {@code sizeMillis}, otherwise Beam's defaults. */
  static WindowingStrategy fixed(long sizeMillis) {
    return WindowingStrategy.globalDefault()
        .withWindowFn(FixedWindows.of(Duration.ofMillis(sizeMillis)));
  }
}
