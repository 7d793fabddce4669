package dev.millrace.examples.complete.game;

import com.google.common.base.Preconditions;
import dev.millrace.transforms.MapElements;
import dev.millrace.transforms.PTransform;
import dev.millrace.transforms.SerializableFunction;
import dev.millrace.transforms.Sum;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptors;

/**
 * Sums the scores of {@link GameEvent}s per user or per team (and per window, when the input is
 * windowed): {@code events.apply(ExtractAndSumScore.perTeam())} gives {@code KV(team, total)}.
 */
public final class ExtractAndSumScore
    extends PTransform<PCollection<GameEvent>, PCollection<KV<String, Integer>>> {
  /** Which field of the event to sum by. */
  public enum Field {
    USER(GameEvent::user),
    TEAM(GameEvent::team);

    private final SerializableFunction<GameEvent, String> key;

    Field(SerializableFunction<GameEvent, String> key) {
      this.key = key;
    }

    /** The value of this field in the event. */
    public String of(GameEvent e) {
      return key.apply(e);
    }
  }

  private final Field field;

  private ExtractAndSumScore(Field field) {
    super("ExtractAndSumScore(" + field + ")");
    this.field = Preconditions.checkNotNull(field, "field");
  }

  /** Sums per user. */
  public static ExtractAndSumScore perUser() {
    return new ExtractAndSumScore(Field.USER);
  }

  /** Sums per team. */
  public static ExtractAndSumScore perTeam() {
    return new ExtractAndSumScore(Field.TEAM);
  }

  /** Sums per the given field. */
  public static ExtractAndSumScore by(Field field) {
    return new ExtractAndSumScore(field);
  }

  @Override
  public PCollection<KV<String, Integer>> expand(PCollection<GameEvent> events) {
    Field f = field;
    return events
        .apply("Key" + f, MapElements.into(
                TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.integers()))
            .via((GameEvent e) -> KV.of(f.of(e), e.score())))
        .apply("SumScores", Sum.integersPerKey());
  }
}
