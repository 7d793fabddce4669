package dev.millrace.compliance.scenario;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderRegistry;
import dev.millrace.compliance.scenario.ScenarioValue.DoubleValue;
import dev.millrace.compliance.scenario.ScenarioValue.IntegerValue;
import dev.millrace.compliance.scenario.ScenarioValue.ListValue;
import dev.millrace.compliance.scenario.ScenarioValue.NullValue;
import dev.millrace.transforms.CombineFn;
import java.util.ArrayList;
import java.util.List;

/**
 * The CombineFn of a {@code combinePerKey} step, for one {@link CombineKind} over inputs of one
 * {@link ValueKind}. Accumulators are {@link ScenarioValue}s too (a number, the best value so far
 * or null, a [sum, count] pair for mean, the values for list), so one coder serves inputs,
 * accumulators and outputs. An empty accumulator gives the format's empty-pane identity: sum 0,
 * count 0, list [], mean NaN, min/max the kind's extreme (Long.MAX_VALUE/MIN_VALUE,
 * ±Infinity) or null for strings.
 */
public final class ScenarioCombineFn extends CombineFn<ScenarioValue, ScenarioValue, ScenarioValue> {
  private static final long serialVersionUID = 1L;
  private final CombineKind kind;
  private final ValueKind input;

  /** A combine of {@code kind} over inputs of {@code input}; the pair must be supported. */
  public ScenarioCombineFn(CombineKind kind, ValueKind input) {
    Preconditions.checkArgument(kind.outputKind(input) != null,
        "%s of %s values is not supported", kind, input);
    this.kind = kind;
    this.input = input;
  }

  @Override
  public ScenarioValue createAccumulator() {
    return switch (kind) {
      case SUM -> input == ValueKind.DOUBLE ? ScenarioValue.of(0.0) : ScenarioValue.of(0L);
      case COUNT -> ScenarioValue.of(0L);
      case MIN, MAX -> NullValue.INSTANCE;
      case MEAN -> new ListValue(List.of(ScenarioValue.of(0.0), ScenarioValue.of(0L)));
      case LIST -> new ListValue(List.of());
    };
  }

  @Override
  public ScenarioValue addInput(ScenarioValue acc, ScenarioValue in) {
    return switch (kind) {
      case SUM -> add(acc, in);
      case COUNT -> ScenarioValue.of(((IntegerValue) acc).value() + 1);
      case MIN, MAX -> best(acc, in);
      case MEAN -> meanOf(
          ScenarioValue.asDouble(((ListValue) acc).values().get(0)) + ScenarioValue.asDouble(in),
          count(acc) + 1);
      case LIST -> append((ListValue) acc, List.of(in));
    };
  }

  @Override
  public ScenarioValue mergeAccumulators(Iterable<ScenarioValue> accumulators) {
    ScenarioValue result = createAccumulator();
    for (ScenarioValue acc : accumulators) {
      result = switch (kind) {
        case SUM, COUNT -> add(result, acc);
        case MIN, MAX -> best(result, acc);
        case MEAN -> meanOf(
            ScenarioValue.asDouble(((ListValue) result).values().get(0))
                + ScenarioValue.asDouble(((ListValue) acc).values().get(0)),
            count(result) + count(acc));
        case LIST -> append((ListValue) result, ((ListValue) acc).values());
      };
    }
    return result;
  }

  @Override
  public ScenarioValue extractOutput(ScenarioValue acc) {
    return switch (kind) {
      case SUM, COUNT -> acc;
      case MIN, MAX -> acc instanceof NullValue ? identity() : acc;
      case MEAN -> ScenarioValue.of(
          ScenarioValue.asDouble(((ListValue) acc).values().get(0)) / count(acc));
      case LIST -> {
        List<ScenarioValue> sorted = new ArrayList<>(((ListValue) acc).values());
        sorted.sort(ScenarioValue.ORDER);
        yield new ListValue(sorted);
      }
    };
  }

  private ScenarioValue identity() {
    return switch (input) {
      case INTEGER -> ScenarioValue.of(kind == CombineKind.MIN ? Long.MAX_VALUE : Long.MIN_VALUE);
      case DOUBLE -> ScenarioValue.of(
          kind == CombineKind.MIN ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
      default -> NullValue.INSTANCE;
    };
  }

  private static ScenarioValue add(ScenarioValue a, ScenarioValue b) {
    if (a instanceof IntegerValue x && b instanceof IntegerValue y) {
      return ScenarioValue.of(x.value() + y.value());
    }
    return ScenarioValue.of(ScenarioValue.asDouble(a) + ScenarioValue.asDouble(b));
  }

  /** The better of two values for min/max; null (no value yet) loses to anything. */
  private ScenarioValue best(ScenarioValue a, ScenarioValue b) {
    if (a instanceof NullValue) {
      return b;
    }
    if (b instanceof NullValue) {
      return a;
    }
    int c = a.compareTo(b);
    return (kind == CombineKind.MIN ? c <= 0 : c >= 0) ? a : b;
  }

  private static long count(ScenarioValue meanAcc) {
    return ((IntegerValue) ((ListValue) meanAcc).values().get(1)).value();
  }

  private static ScenarioValue meanOf(double sum, long count) {
    return new ListValue(List.of(ScenarioValue.of(sum), ScenarioValue.of(count)));
  }

  private static ScenarioValue append(ListValue acc, List<ScenarioValue> more) {
    List<ScenarioValue> all = new ArrayList<>(acc.values());
    all.addAll(more);
    return new ListValue(all);
  }

  @Override
  public Coder<ScenarioValue> getAccumulatorCoder(
      CoderRegistry registry, Coder<ScenarioValue> inputCoder) {
    return ScenarioValueCoder.of();
  }

  @Override
  public Coder<ScenarioValue> getDefaultOutputCoder(
      CoderRegistry registry, Coder<ScenarioValue> inputCoder) {
    return ScenarioValueCoder.of();
  }

  @Override
  public String toString() {
    return kind.jsonName() + "(" + input.name().toLowerCase() + ")";
  }
}
