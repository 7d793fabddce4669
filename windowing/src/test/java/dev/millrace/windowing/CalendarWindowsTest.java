package dev.millrace.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CalendarWindowsTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  private static long t(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }

  static Stream<Arguments> assignments() {
    return Stream.of(
        Arguments.of("days(1) UTC", CalendarWindows.days(1),
            "2024-05-15T13:00:00Z", "2024-05-15T00:00:00Z", "2024-05-16T00:00:00Z"),
        Arguments.of("days(1) UTC before the epoch", CalendarWindows.days(1),
            "1969-12-31T23:00:00Z", "1969-12-31T00:00:00Z", "1970-01-01T00:00:00Z"),
        Arguments.of("days(1) New York, 23-hour DST day", CalendarWindows.days(1).withTimeZone(NEW_YORK),
            "2024-03-10T12:00:00Z", "2024-03-10T05:00:00Z", "2024-03-11T04:00:00Z"),
        Arguments.of("days(1) New York, 25-hour day", CalendarWindows.days(1).withTimeZone(NEW_YORK),
            "2024-11-03T12:00:00Z", "2024-11-03T04:00:00Z", "2024-11-04T05:00:00Z"),
        Arguments.of("days(1) New York, local day before", CalendarWindows.days(1).withTimeZone(NEW_YORK),
            "2024-03-10T04:59:59.999Z", "2024-03-09T05:00:00Z", "2024-03-10T05:00:00Z"),
        Arguments.of("days(3) from 2024-01-10", CalendarWindows.days(3).withStartingDay(2024, 1, 10),
            "2024-05-16T01:00:00Z", "2024-05-15T00:00:00Z", "2024-05-18T00:00:00Z"),
        Arguments.of("weeks(1, Monday)", CalendarWindows.weeks(1, 1),
            "2024-05-15T10:00:00Z", "2024-05-13T00:00:00Z", "2024-05-20T00:00:00Z"),
        Arguments.of("weeks(2, Sunday)", CalendarWindows.weeks(2, 7),
            "2024-05-15T10:00:00Z", "2024-05-05T00:00:00Z", "2024-05-19T00:00:00Z"),
        Arguments.of("weeks(2, Sunday) before the epoch", CalendarWindows.weeks(2, 7),
            "1965-07-03T12:00:00Z", "1965-06-20T00:00:00Z", "1965-07-04T00:00:00Z"),
        Arguments.of("months(1) New York", CalendarWindows.months(1).withTimeZone(NEW_YORK),
            "2024-03-01T02:00:00Z", "2024-02-01T05:00:00Z", "2024-03-01T05:00:00Z"),
        Arguments.of("months(3) New York before the epoch", CalendarWindows.months(3).withTimeZone(NEW_YORK),
            "1969-11-15T00:00:00Z", "1969-10-01T04:00:00Z", "1970-01-01T05:00:00Z"),
        Arguments.of("months(1) on the 31st, leap February", CalendarWindows.months(1).beginningOnDay(31),
            "2024-03-15T00:00:00Z", "2024-02-29T00:00:00Z", "2024-03-31T00:00:00Z"),
        Arguments.of("months(1) on the 31st, January", CalendarWindows.months(1).beginningOnDay(31),
            "2024-02-28T00:00:00Z", "2024-01-31T00:00:00Z", "2024-02-29T00:00:00Z"),
        Arguments.of("months(2) from 2024-02", CalendarWindows.months(2).withStartingMonth(2024, 2),
            "2024-01-20T00:00:00Z", "2023-12-01T00:00:00Z", "2024-02-01T00:00:00Z"),
        Arguments.of("years(1) Tokyo", CalendarWindows.years(1).withTimeZone(TOKYO),
            "2023-12-31T16:00:00Z", "2023-12-31T15:00:00Z", "2024-12-31T15:00:00Z"),
        Arguments.of("years(2) before the epoch", CalendarWindows.years(2),
            "1967-06-01T00:00:00Z", "1966-01-01T00:00:00Z", "1968-01-01T00:00:00Z"),
        Arguments.of("years(1) fiscal from April 1st", CalendarWindows.years(1).beginningOnDay(4, 1),
            "2024-03-31T23:59:59.999Z", "2023-04-01T00:00:00Z", "2024-04-01T00:00:00Z"),
        Arguments.of("years(1) from 2000-02-29, common year",
            CalendarWindows.years(1).withStartingYear(2000).beginningOnDay(2, 29),
            "2001-03-01T00:00:00Z", "2001-02-28T00:00:00Z", "2002-02-28T00:00:00Z"),
        Arguments.of("years(1) from 2000-02-29, leap year",
            CalendarWindows.years(1).withStartingYear(2000).beginningOnDay(2, 29),
            "2004-02-29T12:00:00Z", "2004-02-29T00:00:00Z", "2005-02-28T00:00:00Z"));
  }

  @ParameterizedTest(name = "{0}: {2} -> [{3}, {4})")
  @MethodSource("assignments")
  void assignsTheCalendarWindowContainingTheTimestamp(
      String name, WindowFn<IntervalWindow> fn, String ts, String start, String end) {
    assertThat(fn.assignWindows(t(ts))).containsExactly(new IntervalWindow(t(start), t(end)));
  }

  @Test
  void consecutiveWindowsTileTime() {
    WindowFn<IntervalWindow> fn = CalendarWindows.months(1).beginningOnDay(31).withTimeZone(NEW_YORK);
    IntervalWindow w = fn.assignWindows(t("2023-11-15T00:00:00Z")).iterator().next();
    for (int i = 0; i < 30; i++) {
      IntervalWindow next = fn.assignWindows(w.endMillis()).iterator().next();
      assertThat(next.startMillis()).isEqualTo(w.endMillis());
      assertThat(fn.assignWindows(w.maxTimestampMillis())).containsExactly(w);
      w = next;
    }
  }

  @Test
  void sideInputWindowIsTheCalendarWindowOfTheMainWindowEnd() {
    CalendarWindows.DaysWindows days = CalendarWindows.days(1);
    IntervalWindow main = new IntervalWindow(t("2024-05-15T22:00:00Z"), t("2024-05-16T00:00:00Z"));
    assertThat(days.sideInputWindow(main))
        .isEqualTo(new IntervalWindow(t("2024-05-15T00:00:00Z"), t("2024-05-16T00:00:00Z")));
  }

  @Test
  void worksAtTheEdgesOfTime() {
    for (WindowFn<IntervalWindow> fn :
        java.util.List.<WindowFn<IntervalWindow>>of(
            CalendarWindows.days(1).withTimeZone(TOKYO),
            CalendarWindows.months(5),
            CalendarWindows.years(3).withTimeZone(NEW_YORK))) {
      for (long ts : new long[] {Timestamps.MIN, Timestamps.GLOBAL_WINDOW_MAX}) {
        IntervalWindow w = fn.assignWindows(ts).iterator().next();
        assertThat(w.startMillis()).as("%s at %s", fn, ts).isLessThanOrEqualTo(ts);
        assertThat(w.endMillis()).as("%s at %s", fn, ts).isGreaterThan(ts);
      }
    }
  }

  @Test
  void validatesArguments() {
    assertThatThrownBy(() -> CalendarWindows.days(0)).hasMessageContaining("at least 1 days");
    assertThatThrownBy(() -> CalendarWindows.weeks(1, 8)).hasMessageContaining("1 (Monday) to 7");
    assertThatThrownBy(() -> CalendarWindows.months(1).beginningOnDay(32))
        .hasMessageContaining("1 to 31");
    assertThatThrownBy(() -> CalendarWindows.years(1).beginningOnDay(13, 1))
        .hasMessageContaining("1 to 12");
  }
}
