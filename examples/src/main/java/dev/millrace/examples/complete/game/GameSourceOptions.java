package dev.millrace.examples.complete.game;

import dev.millrace.options.Default;
import dev.millrace.options.Description;
import dev.millrace.options.PipelineOptions;

/**
 * Options shared by the mobile-gaming examples for their synthetic input: the {@link
 * GameEventGenerator}'s seed and size. The same flags always produce the same events.
 */
public interface GameSourceOptions extends PipelineOptions {
  @Description("Seed of the synthetic game-event generator; the same seed gives the same events.")
  @Default.Long(42)
  long getSeed();

  void setSeed(long value);

  @Description("How many synthetic game events to generate.")
  @Default.Integer(10_000)
  int getNumEvents();

  void setNumEvents(int value);

  @Description("How many teams the synthetic users play in.")
  @Default.Integer(5)
  int getNumTeams();

  void setNumTeams(int value);

  @Description("How many robot (spamming) users the synthetic events include.")
  @Default.Integer(2)
  int getNumRobots();

  void setNumRobots(int value);

  /** The generator these options describe. */
  static GameEventGenerator generator(GameSourceOptions options) {
    return GameEventGenerator.withSeed(options.getSeed())
        .withEvents(options.getNumEvents())
        .withTeams(options.getNumTeams(), 8)
        .withRobots(options.getNumRobots());
  }
}
