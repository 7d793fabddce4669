package dev.millrace.compliance.windowing;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.CalendarWindows;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.WindowFn;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Calendar windows (days, weeks, months, years) in UTC and in other time zones, including a
 * 23-hour day at a daylight-saving change. Each element's window is rendered with ISO instants.
 */
class CalendarWindowsTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /**
   * One row.
   *
   * @param name what it checks
   * @param fn the calendar window function
   * @param timestamps the ISO timestamps of the elements (one key)
   * @param expected each group, as "count [start,end)" with ISO instants
   */
  record Case(String name, WindowFn<?> fn, List<String> timestamps, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Renders "count [start,end)". */
  static final class RenderIso extends DoFn<KV<String, Iterable<Long>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      int n = 0;
      for (Long ignored : c.element().getValue()) {
        n++;
      }
      IntervalWindow w = (IntervalWindow) c.window();
      c.output(n + " [" + w.start() + "," + w.end() + ")");
    }
  }

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Stream<Case> cases() {
    return Stream.of(
        new Case("days in UTC", CalendarWindows.days(1),
            List.of("2024-03-10T03:00:00Z", "2024-03-10T23:59:59.999Z", "2024-03-11T00:00:00Z"),
            List.of("2 [2024-03-10T00:00:00Z,2024-03-11T00:00:00Z)",
                "1 [2024-03-11T00:00:00Z,2024-03-12T00:00:00Z)")),
        new Case("days in New York: local midnights bound the windows",
            CalendarWindows.days(1).withTimeZone(NEW_YORK),
            List.of("2024-03-10T03:00:00Z", "2024-03-09T06:00:00Z"),
            List.of("2 [2024-03-09T05:00:00Z,2024-03-10T05:00:00Z)")),
        new Case("days in New York: the day clocks spring forward has 23 hours",
            CalendarWindows.days(1).withTimeZone(NEW_YORK),
            List.of("2024-03-10T12:00:00Z", "2024-03-11T03:59:59Z", "2024-03-11T04:00:00Z"),
            List.of("2 [2024-03-10T05:00:00Z,2024-03-11T04:00:00Z)",
                "1 [2024-03-11T04:00:00Z,2024-03-12T04:00:00Z)")),
        new Case("two-day windows counted from 1970-01-01", CalendarWindows.days(2),
            List.of("2024-03-10T01:00:00Z", "2024-03-11T05:00:00Z", "2024-03-12T00:00:00Z"),
            List.of("2 [2024-03-10T00:00:00Z,2024-03-12T00:00:00Z)",
                "1 [2024-03-12T00:00:00Z,2024-03-14T00:00:00Z)")),
        new Case("weeks starting on Monday", CalendarWindows.weeks(1, 1),
            List.of("2024-03-13T10:00:00Z", "2024-03-17T23:00:00Z", "2024-03-18T00:00:00Z"),
            List.of("2 [2024-03-11T00:00:00Z,2024-03-18T00:00:00Z)",
                "1 [2024-03-18T00:00:00Z,2024-03-25T00:00:00Z)")),
        new Case("months in UTC, including a leap February", CalendarWindows.months(1),
            List.of("2024-02-15T00:00:00Z", "2024-02-29T23:00:00Z", "2024-03-01T00:00:00Z"),
            List.of("2 [2024-02-01T00:00:00Z,2024-03-01T00:00:00Z)",
                "1 [2024-03-01T00:00:00Z,2024-04-01T00:00:00Z)")),
        new Case("months in Berlin: the window starts at local midnight",
            CalendarWindows.months(1).withTimeZone(BERLIN),
            List.of("2024-01-31T23:30:00Z", "2024-01-31T22:30:00Z"),
            List.of("1 [2024-01-31T23:00:00Z,2024-02-29T23:00:00Z)",
                "1 [2023-12-31T23:00:00Z,2024-01-31T23:00:00Z)")),
        new Case("quarters starting in February",
            CalendarWindows.months(3).withStartingMonth(2024, 2),
            List.of("2024-04-10T00:00:00Z", "2024-02-01T00:00:00Z", "2024-05-01T00:00:00Z"),
            List.of("2 [2024-02-01T00:00:00Z,2024-05-01T00:00:00Z)",
                "1 [2024-05-01T00:00:00Z,2024-08-01T00:00:00Z)")),
        new Case("years in UTC", CalendarWindows.years(1),
            List.of("2024-06-01T00:00:00Z", "2024-12-31T23:59:59Z", "2025-01-01T00:00:00Z"),
            List.of("2 [2024-01-01T00:00:00Z,2025-01-01T00:00:00Z)",
                "1 [2025-01-01T00:00:00Z,2026-01-01T00:00:00Z)")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void windows(Case c) {
    List<TimestampedValue<KV<String, Long>>> values = new ArrayList<>();
    for (String ts : c.timestamps()) {
      values.add(TimestampedValue.of(KV.of("k", 1L), Instant.parse(ts)));
    }
    PCollection<String> out = p.apply(Create.timestamped(values)
            .withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply(Window.into(c.fn()))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new RenderIso()));
    PAssert.that(out).containsInAnyOrder(c.expected());
    p.run();
  }
}
