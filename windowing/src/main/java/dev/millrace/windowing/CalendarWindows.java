package dev.millrace.windowing;

import com.google.common.base.Preconditions;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.List;

/**
 * Window functions aligned to the calendar of a time zone: windows of {@code n} days, weeks, months
 * or years, each starting at local midnight in the zone (so a "day" is 23 or 25 hours across a
 * daylight-saving change). Windows are counted from a starting date, 1970-01-01 in UTC by
 * default, and tile all of time, before the starting date as well as after it.
 *
 * <pre>{@code
 * CalendarWindows.months(3).withStartingMonth(2024, 2).withTimeZone(ZoneId.of("Europe/Paris"))
 * CalendarWindows.weeks(1, DayOfWeek.MONDAY.getValue())
 * CalendarWindows.years(1).beginningOnDay(4, 1)   // fiscal years from April 1st
 * }</pre>
 *
 * <p>When the starting day of the month does not exist in some month (the 31st), the window starts
 * on that month's last day.
 */
public final class CalendarWindows {
  private static final LocalDate DEFAULT_START = LocalDate.of(1970, 1, 1);

  private CalendarWindows() {}

  /** Windows of {@code number} days, from 1970-01-01, in UTC. */
  public static DaysWindows days(int number) {
    return new DaysWindows(number, DEFAULT_START, ZoneOffset.UTC);
  }

  /**
   * Windows of {@code number} weeks starting on {@code startDayOfWeek} (1 = Monday ... 7 =
   * Sunday), in UTC.
   */
  public static DaysWindows weeks(int number, int startDayOfWeek) {
    Preconditions.checkArgument(
        startDayOfWeek >= 1 && startDayOfWeek <= 7,
        "CalendarWindows.weeks needs a start day of week from 1 (Monday) to 7 (Sunday), got %s",
        startDayOfWeek);
    Preconditions.checkArgument(
        number >= 1, "CalendarWindows.weeks needs at least 1 week per window, got %s", number);
    LocalDate start =
        DEFAULT_START.with(TemporalAdjusters.previousOrSame(DayOfWeek.of(startDayOfWeek)));
    return new DaysWindows(7 * number, start, ZoneOffset.UTC);
  }

  /** Windows of {@code number} months, starting on the 1st of a month, from 1970-01, in UTC. */
  public static MonthsWindows months(int number) {
    return new MonthsWindows(number, DEFAULT_START, ZoneOffset.UTC);
  }

  /** Windows of {@code number} years, starting on January 1st, from 1970, in UTC. */
  public static YearsWindows years(int number) {
    return new YearsWindows(number, DEFAULT_START, ZoneOffset.UTC);
  }

  /**
   * Windows of {@code number} days counted from {@code startDate} in {@code timeZone}.
   *
   * @param number days per window, at least 1
   * @param startDate a day on which a window starts
   * @param timeZone the zone whose midnights bound the windows
   */
  public record DaysWindows(int number, LocalDate startDate, ZoneId timeZone)
      implements WindowFn<IntervalWindow> {
    /** Validates the arguments. */
    public DaysWindows {
      checkCommon(number, startDate, timeZone, "days");
    }

    /** These windows counted from {@code year-month-day}. */
    public DaysWindows withStartingDay(int year, int month, int day) {
      return new DaysWindows(number, LocalDate.of(year, month, day), timeZone);
    }

    /** These windows aligned to midnights in {@code zone}. */
    public DaysWindows withTimeZone(ZoneId zone) {
      return new DaysWindows(number, startDate, zone);
    }

    @Override
    public Collection<IntervalWindow> assignWindows(long timestampMillis) {
      return List.of(windowContaining(timestampMillis));
    }

    /** The window containing {@code timestampMillis}. */
    public IntervalWindow windowContaining(long timestampMillis) {
      return align(timestampMillis, number, startDate, timeZone, ChronoUnit.DAYS);
    }

    @Override
    public StateCodec<IntervalWindow> windowCodec() {
      return StateCodecs.intervalWindows();
    }

    @Override
    public BoundedWindow sideInputWindow(BoundedWindow mainWindow) {
      WindowMappings.checkNotGlobal(this, mainWindow);
      return windowContaining(mainWindow.maxTimestampMillis());
    }
  }

  /**
   * Windows of {@code number} months counted from {@code startDate} (whose day of month is the
   * day each window starts on) in {@code timeZone}.
   *
   * @param number months per window, at least 1
   * @param startDate a day on which a window starts
   * @param timeZone the zone whose midnights bound the windows
   */
  public record MonthsWindows(int number, LocalDate startDate, ZoneId timeZone)
      implements WindowFn<IntervalWindow> {
    /** Validates the arguments. */
    public MonthsWindows {
      checkCommon(number, startDate, timeZone, "months");
    }

    /** These windows counted from the given month, keeping the starting day of month. */
    public MonthsWindows withStartingMonth(int year, int month) {
      return new MonthsWindows(number, dayOrLast(year, month, startDate.getDayOfMonth()), timeZone);
    }

    /** These windows starting on {@code dayOfMonth} (1-31; clamped to short months' last day). */
    public MonthsWindows beginningOnDay(int dayOfMonth) {
      Preconditions.checkArgument(
          dayOfMonth >= 1 && dayOfMonth <= 31,
          "beginningOnDay needs a day of month from 1 to 31, got %s",
          dayOfMonth);
      return new MonthsWindows(
          number, dayOrLast(startDate.getYear(), startDate.getMonthValue(), dayOfMonth), timeZone);
    }

    /** These windows aligned to midnights in {@code zone}. */
    public MonthsWindows withTimeZone(ZoneId zone) {
      return new MonthsWindows(number, startDate, zone);
    }

    @Override
    public Collection<IntervalWindow> assignWindows(long timestampMillis) {
      return List.of(windowContaining(timestampMillis));
    }

    /** The window containing {@code timestampMillis}. */
    public IntervalWindow windowContaining(long timestampMillis) {
      return align(timestampMillis, number, startDate, timeZone, ChronoUnit.MONTHS);
    }

    @Override
    public StateCodec<IntervalWindow> windowCodec() {
      return StateCodecs.intervalWindows();
    }

    @Override
    public BoundedWindow sideInputWindow(BoundedWindow mainWindow) {
      WindowMappings.checkNotGlobal(this, mainWindow);
      return windowContaining(mainWindow.maxTimestampMillis());
    }
  }

  /**
   * Windows of {@code number} years counted from {@code startDate} (whose month and day are where
   * each window starts) in {@code timeZone}.
   *
   * @param number years per window, at least 1
   * @param startDate a day on which a window starts
   * @param timeZone the zone whose midnights bound the windows
   */
  public record YearsWindows(int number, LocalDate startDate, ZoneId timeZone)
      implements WindowFn<IntervalWindow> {
    /** Validates the arguments. */
    public YearsWindows {
      checkCommon(number, startDate, timeZone, "years");
    }

    /** These windows counted from {@code year}, keeping the starting month and day. */
    public YearsWindows withStartingYear(int year) {
      return new YearsWindows(
          number, dayOrLast(year, startDate.getMonthValue(), startDate.getDayOfMonth()), timeZone);
    }

    /** These windows starting each year on {@code month}/{@code dayOfMonth}. */
    public YearsWindows beginningOnDay(int month, int dayOfMonth) {
      Preconditions.checkArgument(
          month >= 1 && month <= 12, "beginningOnDay needs a month from 1 to 12, got %s", month);
      Preconditions.checkArgument(
          dayOfMonth >= 1 && dayOfMonth <= 31,
          "beginningOnDay needs a day of month from 1 to 31, got %s",
          dayOfMonth);
      return new YearsWindows(number, dayOrLast(startDate.getYear(), month, dayOfMonth), timeZone);
    }

    /** These windows aligned to midnights in {@code zone}. */
    public YearsWindows withTimeZone(ZoneId zone) {
      return new YearsWindows(number, startDate, zone);
    }

    @Override
    public Collection<IntervalWindow> assignWindows(long timestampMillis) {
      return List.of(windowContaining(timestampMillis));
    }

    /** The window containing {@code timestampMillis}. */
    public IntervalWindow windowContaining(long timestampMillis) {
      return align(timestampMillis, number, startDate, timeZone, ChronoUnit.YEARS);
    }

    @Override
    public StateCodec<IntervalWindow> windowCodec() {
      return StateCodecs.intervalWindows();
    }

    @Override
    public BoundedWindow sideInputWindow(BoundedWindow mainWindow) {
      WindowMappings.checkNotGlobal(this, mainWindow);
      return windowContaining(mainWindow.maxTimestampMillis());
    }
  }

  private static void checkCommon(int number, LocalDate start, ZoneId zone, String unit) {
    Preconditions.checkArgument(
        number >= 1, "CalendarWindows.%s needs at least 1 %s per window, got %s", unit, unit, number);
    Preconditions.checkNotNull(start, "CalendarWindows.%s needs a starting date, got null", unit);
    Preconditions.checkNotNull(zone, "CalendarWindows.%s needs a time zone, got null", unit);
  }

  private static LocalDate dayOrLast(int year, int month, int day) {
    LocalDate first = LocalDate.of(year, month, 1);
    return first.withDayOfMonth(Math.min(day, first.lengthOfMonth()));
  }

  /**
   * The window {@code [begin(k), begin(k + n))} containing {@code t}, where {@code begin(k)} is
   * local midnight of {@code start + k units} and {@code k} is a multiple of {@code n}; the end is
   * capped at the end of the global window.
   */
  private static IntervalWindow align(
      long t, int n, LocalDate start, ZoneId zone, ChronoUnit unit) {
    LocalDate local = Instant.ofEpochMilli(t).atZone(zone).toLocalDate();
    long k = Math.floorDiv(unit.between(start, local), n) * (long) n;
    while (begin(start, k, zone, unit) > t) {
      k -= n;
    }
    while (begin(start, k + n, zone, unit) <= t) {
      k += n;
    }
    long begin = begin(start, k, zone, unit);
    long end = Math.min(begin(start, k + n, zone, unit), Timestamps.GLOBAL_WINDOW_MAX + 1);
    return new IntervalWindow(begin, Math.max(begin, end));
  }

  private static long begin(LocalDate start, long units, ZoneId zone, ChronoUnit unit) {
    return start.plus(units, unit).atStartOfDay(zone).toInstant().toEpochMilli();
  }
}
