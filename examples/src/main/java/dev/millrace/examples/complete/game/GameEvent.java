package dev.millrace.examples.complete.game;

import com.google.common.base.Preconditions;
import java.io.Serializable;
import java.time.Instant;

/**
 * One scoring event of the mobile game: a user of a team scored points at an instant of event
 * time. The CSV form is {@code user,team,score,timestampMillis}, e.g. {@code
 * user3_AmberQuokka,AmberQuokka,12,1704067200000}.
 *
 * @param user the user's name; not empty, no comma
 * @param team the team's name; not empty, no comma
 * @param score the points scored, not negative
 * @param timestampMillis when the event happened (event time), in epoch milliseconds
 */
public record GameEvent(String user, String team, int score, long timestampMillis)
    implements Serializable {

  /** Checks the components. */
  public GameEvent {
    checkName("user", user);
    checkName("team", team);
    Preconditions.checkArgument(score >= 0, "score must not be negative, got %s", score);
  }

  private static void checkName(String what, String value) {
    Preconditions.checkArgument(
        value != null && !value.isEmpty(), "the %s name must not be empty", what);
    Preconditions.checkArgument(
        value.indexOf(',') < 0, "the %s name must not contain a comma: '%s'", what, value);
  }

  /** When the event happened. */
  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  /** The CSV form {@code user,team,score,timestampMillis}, which {@link #parseCsv} reads back. */
  public String toCsv() {
    return user + "," + team + "," + score + "," + timestampMillis;
  }

  /**
   * Parses the CSV form {@code user,team,score,timestampMillis} (spaces around fields allowed).
   *
   * @throws IllegalArgumentException saying what is wrong with the line
   */
  public static GameEvent parseCsv(String line) {
    Preconditions.checkArgument(line != null, "the line is null");
    String[] f = line.split(",", -1);
    if (f.length != 4) {
      throw new IllegalArgumentException(
          "expected 4 comma-separated fields user,team,score,timestampMillis but found "
              + f.length);
    }
    String user = f[0].trim();
    String team = f[1].trim();
    int score = parseNumber("score", f[2].trim(), Integer::parseInt);
    long timestamp = parseNumber("timestampMillis", f[3].trim(), Long::parseLong);
    return new GameEvent(user, team, score, timestamp);
  }

  private static <N> N parseNumber(
      String field, String text, java.util.function.Function<String, N> parser) {
    try {
      return parser.apply(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "the " + field + " field is not a whole number: '" + text + "'");
    }
  }
}
