package dev.millrace.compliance.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.millrace.windowing.Timestamps;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the scenario format's times. An instant is an integer of epoch millis, an
 * ISO-8601 instant ({@code "2020-03-01T12:00:26.500Z"}), a time of day {@code "HH:MM:SS"} or
 * {@code "HH:MM:SS.mmm"} on 1970-01-01 UTC, or {@code "+inf"}/{@code "-inf"} (Millrace's end and
 * beginning of time, {@link Timestamps#MAX}/{@link Timestamps#MIN}). A duration is an integer of
 * millis or ISO-8601 ({@code "PT2M"}, {@code "PT0.5S"}). Both must be whole milliseconds.
 */
public final class ScenarioTimes {
  private static final Pattern TIME_OF_DAY =
      Pattern.compile("(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))?");
  private static final String INSTANT_FORMS =
      "an instant is epoch millis (an integer), \"HH:MM:SS\", \"HH:MM:SS.mmm\", an ISO-8601 "
          + "instant like \"2020-03-01T12:00:26Z\", \"+inf\" or \"-inf\"";
  private static final String DURATION_FORMS =
      "a duration is an integer of milliseconds or ISO-8601 like \"PT2M\" or \"PT0.5S\"";

  private ScenarioTimes() {}

  /** Parses an instant to epoch millis, or throws naming {@code path}. */
  public static long instant(JsonNode n, String path) {
    if (n != null && n.isIntegralNumber()) {
      if (!n.canConvertToLong() || n.longValue() < Timestamps.MIN || n.longValue() > Timestamps.MAX) {
        throw ScenarioException.malformed(path, "the instant " + n + " is out of range: instants lie"
            + " between " + Timestamps.MIN + " (-inf) and " + Timestamps.MAX + " (+inf)");
      }
      return n.longValue();
    }
    if (n == null || !n.isTextual()) {
      throw ScenarioException.malformed(path, INSTANT_FORMS + "; got " + JsonNodes.describe(n));
    }
    return instant(n.textValue(), path);
  }

  /** Parses an instant written as text. */
  static long instant(String text, String path) {
    if (text.equals("+inf")) {
      return Timestamps.MAX;
    }
    if (text.equals("-inf")) {
      return Timestamps.MIN;
    }
    Matcher m = TIME_OF_DAY.matcher(text);
    if (m.matches()) {
      return timeOfDay(m, text, path);
    }
    Instant parsed = parseIso(text);
    if (parsed == null) {
      throw ScenarioException.malformed(path, INSTANT_FORMS + "; got \"" + text + "\"");
    }
    if (parsed.getNano() % 1_000_000 != 0) {
      throw ScenarioException.malformed(path, "\"" + text + "\" is not a whole millisecond");
    }
    if (parsed.isBefore(Timestamps.MIN_INSTANT) || parsed.isAfter(Timestamps.MAX_INSTANT)) {
      throw ScenarioException.malformed(path, "the instant \"" + text + "\" is out of range: "
          + "instants lie between -inf (" + Timestamps.MIN_INSTANT + ") and +inf ("
          + Timestamps.MAX_INSTANT + ")");
    }
    return parsed.toEpochMilli();
  }

  private static long timeOfDay(Matcher m, String text, String path) {
    int h = Integer.parseInt(m.group(1));
    int min = Integer.parseInt(m.group(2));
    int s = Integer.parseInt(m.group(3));
    if (h > 23 || min > 59 || s > 59) {
      throw ScenarioException.malformed(path, "\"" + text + "\" is not a time of day: hours go up"
          + " to 23, minutes and seconds up to 59");
    }
    int millis = 0;
    if (m.group(4) != null) {
      String frac = (m.group(4) + "00").substring(0, 3);
      millis = Integer.parseInt(frac);
    }
    return ((h * 60L + min) * 60L + s) * 1000L + millis;
  }

  private static Instant parseIso(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeException e2) {
        return null;
      }
    }
  }

  /** Parses a duration (possibly negative) to millis, or throws naming {@code path}. */
  public static long duration(JsonNode n, String path) {
    if (n != null && n.isIntegralNumber()) {
      if (!n.canConvertToLong()) {
        throw ScenarioException.malformed(path, "the duration " + n + " is out of range");
      }
      return n.longValue();
    }
    if (n == null || !n.isTextual()) {
      throw ScenarioException.malformed(path, DURATION_FORMS + "; got " + JsonNodes.describe(n));
    }
    Duration d;
    try {
      d = Duration.parse(n.textValue());
    } catch (DateTimeException e) {
      throw ScenarioException.malformed(path, DURATION_FORMS + "; got \"" + n.textValue() + "\"");
    }
    if (d.getNano() % 1_000_000 != 0) {
      throw ScenarioException.malformed(path, "\"" + n.textValue() + "\" is not a whole millisecond");
    }
    try {
      return d.toMillis();
    } catch (ArithmeticException e) {
      throw ScenarioException.malformed(path, "the duration \"" + n.textValue() + "\" is out of range");
    }
  }

  /** A duration that must be at least zero. */
  public static long nonNegativeDuration(JsonNode n, String path) {
    long d = duration(n, path);
    if (d < 0) {
      throw ScenarioException.malformed(path, "the duration must not be negative, got " + d + " ms");
    }
    return d;
  }

  /** A duration that must be at least one millisecond. */
  public static long positiveDuration(JsonNode n, String path) {
    long d = duration(n, path);
    if (d <= 0) {
      throw ScenarioException.malformed(path, "the duration must be positive, got " + d + " ms");
    }
    return d;
  }

  /** Prints an instant as ISO-8601 (the end and beginning of time included). */
  public static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  /** Prints an instant for people: {@code HH:MM:SS[.mmm]} on the epoch day, else ISO or ±inf. */
  public static String readable(long millis) {
    if (millis == Timestamps.MAX) {
      return "+inf";
    }
    if (millis == Timestamps.MIN) {
      return "-inf";
    }
    if (millis >= 0 && millis < 86_400_000L) {
      long s = millis / 1000;
      String hms = String.format("%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
      return millis % 1000 == 0 ? hms : hms + String.format(".%03d", millis % 1000);
    }
    return iso(millis);
  }
}
