package dev.millrace.examples.complete.game;

import com.google.common.base.Preconditions;
import dev.millrace.coders.RecordCoder;
import dev.millrace.testing.TestStream;
import dev.millrace.values.TimestampedValue;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic generator of synthetic {@link GameEvent}s: the same settings always give the
 * same events, in the same order, on every machine.
 *
 * <p>Events are produced in <em>arrival order</em>: event {@code i} arrives at {@code start + i
 * * span / events}. Most events happen when they arrive (event time = arrival time). A fraction
 * ({@link #lateFraction()}) are delayed: they happened up to {@link #maxDelayMillis()} before they
 * arrive, so they are out of order and, in streaming, may be behind the watermark (late).
 *
 * <p>Users belong to teams ({@code usersPerTeam} per team, named {@code user<j>_<Team>}). A few
 * "robot" users ({@code robot<k>_<Team>}) spam the game: about {@link #ROBOT_EVENT_SHARE} of all
 * events are theirs and each scores {@value #ROBOT_MIN_SCORE} to {@value #ROBOT_MAX_SCORE} points,
 * where a human scores {@value #HUMAN_MIN_SCORE} to {@value #HUMAN_MAX_SCORE}.
 *
 * <pre>{@code
 * GameEventGenerator gen = GameEventGenerator.withSeed(7).withEvents(10_000);
 * p.apply(Read.from(gen.asBoundedSource()));          // batch
 * p.apply(gen.asTestStream(Duration.ofMinutes(2), 50)); // streaming, scripted
 * }</pre>
 *
 * @param seed the random seed
 * @param teams the number of teams (at least 1)
 * @param usersPerTeam the number of human users in each team (at least 1)
 * @param robots the number of robot users (0 for none)
 * @param events the number of events to generate
 * @param startMillis the arrival time of the first event, epoch millis
 * @param spanMillis the processing time over which events arrive
 * @param lateFraction the fraction of events that arrive delayed, 0..1
 * @param maxDelayMillis the largest delay of a delayed event
 */
public record GameEventGenerator(
    long seed,
    int teams,
    int usersPerTeam,
    int robots,
    int events,
    long startMillis,
    long spanMillis,
    double lateFraction,
    long maxDelayMillis)
    implements Serializable {

  /** The share of events made by robots when there are any. */
  public static final double ROBOT_EVENT_SHARE = 0.05;
  /** The smallest score of a human's event. */
  public static final int HUMAN_MIN_SCORE = 1;
  /** The largest score of a human's event. */
  public static final int HUMAN_MAX_SCORE = 20;
  /** The smallest score of a robot's event. */
  public static final int ROBOT_MIN_SCORE = 500;
  /** The largest score of a robot's event. */
  public static final int ROBOT_MAX_SCORE = 1000;
  /** The default arrival time of the first event: 2024-01-01T00:00:00Z. */
  public static final long DEFAULT_START_MILLIS = 1_704_067_200_000L;

  private static final String[] COLORS = {
    "Amber", "Azure", "Crimson", "Golden", "Indigo", "Jade", "Magenta", "Olive", "Scarlet", "Teal"
  };
  private static final String[] ANIMALS = {
    "Quokka", "Badger", "Heron", "Lynx", "Marmot", "Newt", "Otter", "Puffin", "Wombat", "Yak"
  };

  /** Checks the settings. */
  public GameEventGenerator {
    Preconditions.checkArgument(teams >= 1, "teams must be at least 1, got %s", teams);
    Preconditions.checkArgument(
        usersPerTeam >= 1, "usersPerTeam must be at least 1, got %s", usersPerTeam);
    Preconditions.checkArgument(robots >= 0, "robots must not be negative, got %s", robots);
    Preconditions.checkArgument(events >= 0, "events must not be negative, got %s", events);
    Preconditions.checkArgument(spanMillis >= 0, "the span must not be negative: %s", spanMillis);
    Preconditions.checkArgument(
        lateFraction >= 0 && lateFraction <= 1, "lateFraction must be in 0..1, got %s",
        lateFraction);
    Preconditions.checkArgument(
        maxDelayMillis >= 0, "maxDelay must not be negative: %s", maxDelayMillis);
  }

  /**
   * A generator with the given seed and defaults: 5 teams of 8 users, 2 robots, 1,000 events
   * arriving over 2 hours from {@link #DEFAULT_START_MILLIS}, 10% of them delayed by up to 20
   * minutes.
   */
  public static GameEventGenerator withSeed(long seed) {
    return new GameEventGenerator(seed, 5, 8, 2, 1_000, DEFAULT_START_MILLIS,
        Duration.ofHours(2).toMillis(), 0.1, Duration.ofMinutes(20).toMillis());
  }

  /** This generator with another number of teams and users per team. */
  public GameEventGenerator withTeams(int teamCount, int usersInEachTeam) {
    return new GameEventGenerator(seed, teamCount, usersInEachTeam, robots, events, startMillis,
        spanMillis, lateFraction, maxDelayMillis);
  }

  /** This generator with another number of robot users. */
  public GameEventGenerator withRobots(int robotCount) {
    return new GameEventGenerator(seed, teams, usersPerTeam, robotCount, events, startMillis,
        spanMillis, lateFraction, maxDelayMillis);
  }

  /** This generator with another number of events. */
  public GameEventGenerator withEvents(int eventCount) {
    return new GameEventGenerator(seed, teams, usersPerTeam, robots, eventCount, startMillis,
        spanMillis, lateFraction, maxDelayMillis);
  }

  /** This generator with events arriving from {@code start} over {@code span}. */
  public GameEventGenerator arrivingOver(Instant start, Duration span) {
    return new GameEventGenerator(seed, teams, usersPerTeam, robots, events, start.toEpochMilli(),
        span.toMillis(), lateFraction, maxDelayMillis);
  }

  /** This generator with another share of delayed events and their largest delay. */
  public GameEventGenerator withDelays(double fraction, Duration maxDelay) {
    return new GameEventGenerator(seed, teams, usersPerTeam, robots, events, startMillis,
        spanMillis, fraction, maxDelay.toMillis());
  }

  /** The name of team {@code i} (0-based), e.g. {@code AmberQuokka}. */
  public static String teamName(int i) {
    String name = COLORS[i % COLORS.length] + ANIMALS[(i / COLORS.length) % ANIMALS.length];
    int round = i / (COLORS.length * ANIMALS.length);
    return round == 0 ? name : name + round;
  }

  /** Whether the user name is one of a robot's. */
  public static boolean isRobot(String user) {
    return user.startsWith("robot");
  }

  /** The arrival time (processing time, epoch millis) of event {@code i}. */
  public long arrivalMillis(int i) {
    Preconditions.checkElementIndex(i, Math.max(events, 1), "event index");
    return events == 0 ? startMillis : startMillis + (long) ((double) i * spanMillis / events);
  }

  /** All events, in arrival order. */
  public List<GameEvent> generate() {
    return generate(0, events);
  }

  /** The events with indexes {@code from} (inclusive) to {@code to} (exclusive), arrival order. */
  public List<GameEvent> generate(int from, int to) {
    Preconditions.checkPositionIndexes(from, to, events);
    List<GameEvent> out = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      out.add(event(i));
    }
    return out;
  }

  /**
   * Event {@code i}. Each event is derived from the seed and its index alone, so any range of
   * events can be generated independently (the bounded source's splits rely on this).
   */
  public GameEvent event(int i) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
    boolean robot = robots > 0 && r.nextDouble() < ROBOT_EVENT_SHARE;
    String user;
    String team;
    int score;
    if (robot) {
      int k = r.nextInt(robots);
      team = teamName(k % teams);
      user = "robot" + k + "_" + team;
      score = r.nextInt(ROBOT_MIN_SCORE, ROBOT_MAX_SCORE + 1);
    } else {
      int t = r.nextInt(teams);
      team = teamName(t);
      user = "user" + r.nextInt(usersPerTeam) + "_" + team;
      score = r.nextInt(HUMAN_MIN_SCORE, HUMAN_MAX_SCORE + 1);
    }
    long arrival = arrivalMillis(i);
    long eventTime = arrival;
    if (maxDelayMillis > 0 && r.nextDouble() < lateFraction) {
      eventTime = arrival - r.nextLong(1, maxDelayMillis + 1);
    }
    return new GameEvent(user, team, score, eventTime);
  }

  /** All events with their event timestamps, in arrival order. */
  public List<TimestampedValue<GameEvent>> timestamped() {
    List<TimestampedValue<GameEvent>> out = new ArrayList<>(events);
    for (GameEvent e : generate()) {
      out.add(TimestampedValue.of(e, e.timestamp()));
    }
    return out;
  }

  /** All events as CSV lines, in arrival order. */
  public List<String> csvLines() {
    return generate().stream().map(GameEvent::toCsv).toList();
  }

  /** A bounded source of all events, timestamped with their event time and splittable. */
  public GameEventSource asBoundedSource() {
    return new GameEventSource(this, 0, events);
  }

  /**
   * A {@link TestStream} that replays the events as a stream: they arrive in batches of {@code
   * batchSize}; before each batch the processing-time clock moves to the batch's arrival time,
   * and after it the watermark moves to the batch's last arrival time minus {@code
   * watermarkLag} (never backwards). Events delayed by more than the lag are therefore late.
   * The stream starts its processing-time clock at {@link #startMillis()} and ends with the
   * watermark at infinity.
   */
  public TestStream<GameEvent> asTestStream(Duration watermarkLag, int batchSize) {
    Preconditions.checkArgument(batchSize >= 1, "batchSize must be at least 1, got %s", batchSize);
    TestStream<GameEvent> s = TestStream.create(RecordCoder.of(GameEvent.class))
        .withStartProcessingTime(Instant.ofEpochMilli(startMillis));
    long clock = startMillis;
    long watermark = Long.MIN_VALUE;
    for (int from = 0; from < events; from += batchSize) {
      int to = Math.min(events, from + batchSize);
      long arrival = arrivalMillis(from);
      if (arrival > clock) {
        s = s.advanceProcessingTime(Duration.ofMillis(arrival - clock));
        clock = arrival;
      }
      List<TimestampedValue<GameEvent>> batch = new ArrayList<>();
      for (GameEvent e : generate(from, to)) {
        batch.add(TimestampedValue.of(e, e.timestamp()));
      }
      s = s.addElements(batch);
      long wm = arrivalMillis(to - 1) - watermarkLag.toMillis();
      if (wm > watermark) {
        s = s.advanceWatermarkTo(Instant.ofEpochMilli(wm));
        watermark = wm;
      }
    }
    return s.advanceWatermarkToInfinity();
  }
}
