package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.internal.SerializableCheck;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.AccumulationMode;
import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.OnTimeBehavior;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowFn;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.triggers.Trigger;
import java.time.Duration;

/**
 * Sets how a collection is windowed and when its groupings fire, Beam-style:
 *
 * <pre>{@code
 * events.apply(Window.<Event>into(FixedWindows.of(Duration.ofMinutes(1)))
 *     .triggering(AfterWatermark.pastEndOfWindow()
 *         .withEarlyFirings(AfterProcessingTime.pastFirstElementInPane().plusDelayOf(d))
 *         .withLateFirings(AfterPane.elementCountAtLeast(1)))
 *     .withAllowedLateness(Duration.ofMinutes(5))
 *     .accumulatingFiredPanes());
 * }</pre>
 *
 * <p>{@code into(fn)} assigns every element to windows from its timestamp; {@link #configure()}
 * changes only the other settings and keeps the current windows. Fields left unset keep the input's
 * values. Allowed lateness never decreases: a smaller value than the input's keeps the larger. A
 * trigger on non-global windows needs an explicit accumulation mode.
 *
 * @param <T> the element type
 */
public final class Window<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private final WindowFn<?> windowFn;
  private final Trigger trigger;
  private final AccumulationMode mode;
  private final Duration allowedLateness;
  private final TimestampCombiner timestampCombiner;
  private final OnTimeBehavior onTimeBehavior;
  private final ClosingBehavior closingBehavior;

  private Window(
      WindowFn<?> windowFn,
      Trigger trigger,
      AccumulationMode mode,
      Duration allowedLateness,
      TimestampCombiner timestampCombiner,
      OnTimeBehavior onTimeBehavior,
      ClosingBehavior closingBehavior) {
    super(windowFn == null ? "Window.Configure" : "Window.Into");
    this.windowFn = windowFn;
    this.trigger = trigger;
    this.mode = mode;
    this.allowedLateness = allowedLateness;
    this.timestampCombiner = timestampCombiner;
    this.onTimeBehavior = onTimeBehavior;
    this.closingBehavior = closingBehavior;
  }

  /** Assigns elements to the windows of the given window function. */
  public static <T> Window<T> into(WindowFn<?> fn) {
    Preconditions.checkNotNull(fn, "Window.into(null): a window function is required");
    return new Window<>(fn, null, null, null, null, null, null);
  }

  /** Keeps the windows and changes the other settings. */
  public static <T> Window<T> configure() {
    return new Window<>(null, null, null, null, null, null, null);
  }

  /** Fires panes when the trigger says. */
  public Window<T> triggering(Trigger t) {
    Preconditions.checkNotNull(t, "triggering(null)");
    return new Window<>(windowFn, t, mode, allowedLateness, timestampCombiner, onTimeBehavior,
        closingBehavior);
  }

  /** Each pane holds only the elements since the previous pane. */
  public Window<T> discardingFiredPanes() {
    return new Window<>(windowFn, trigger, AccumulationMode.DISCARDING_FIRED_PANES,
        allowedLateness, timestampCombiner, onTimeBehavior, closingBehavior);
  }

  /** Each pane holds every element of the window so far. */
  public Window<T> accumulatingFiredPanes() {
    return new Window<>(windowFn, trigger, AccumulationMode.ACCUMULATING_FIRED_PANES,
        allowedLateness, timestampCombiner, onTimeBehavior, closingBehavior);
  }

  /** Accepts data up to this long after the watermark passed the end of its window. */
  public Window<T> withAllowedLateness(Duration d) {
    Preconditions.checkArgument(!d.isNegative(), "allowed lateness must not be negative: %s", d);
    return new Window<>(windowFn, trigger, mode, d, timestampCombiner, onTimeBehavior,
        closingBehavior);
  }

  /** How the output timestamp of a grouping is computed from its inputs' timestamps. */
  public Window<T> withTimestampCombiner(TimestampCombiner c) {
    return new Window<>(windowFn, trigger, mode, allowedLateness, Preconditions.checkNotNull(c),
        onTimeBehavior, closingBehavior);
  }

  /** Whether an on-time pane is fired when it would be empty. */
  public Window<T> withOnTimeBehavior(OnTimeBehavior b) {
    return new Window<>(windowFn, trigger, mode, allowedLateness, timestampCombiner,
        Preconditions.checkNotNull(b), closingBehavior);
  }

  /** Whether a final pane is fired at window expiry when it would be empty. */
  public Window<T> withClosingBehavior(ClosingBehavior b) {
    return new Window<>(windowFn, trigger, mode, allowedLateness, timestampCombiner,
        onTimeBehavior, Preconditions.checkNotNull(b));
  }

  /** The new window function, or null for {@link #configure()}. */
  public WindowFn<?> getWindowFn() {
    return windowFn;
  }

  /** The windowing strategy of the output, given the input's. */
  public WindowingStrategy outputStrategy(WindowingStrategy in) {
    WindowingStrategy s = in;
    if (windowFn != null) {
      s = s.withWindowFn(windowFn).withAlreadyMerged(false);
    }
    if (trigger != null) {
      s = s.withTrigger(trigger);
    }
    if (mode != null) {
      s = s.withMode(mode);
    }
    if (allowedLateness != null) {
      s = s.withAllowedLatenessAtLeast(allowedLateness);
    }
    if (timestampCombiner != null) {
      s = s.withTimestampCombiner(timestampCombiner);
    }
    if (onTimeBehavior != null) {
      s = s.withOnTimeBehavior(onTimeBehavior);
    }
    if (closingBehavior != null) {
      s = s.withClosingBehavior(closingBehavior);
    }
    return s;
  }

  @Override
  public void validate(PCollection<T> input) {
    WindowingStrategy out = outputStrategy(input.getWindowingStrategy());
    if (trigger != null && mode == null && !(out.windowFn() instanceof GlobalWindows)) {
      throw new IllegalArgumentException(
          "Step '" + input.getPipeline().currentStepName() + "' sets a trigger with "
              + ".triggering(...) on non-global windows, so it must also choose how panes relate: "
              + "add .discardingFiredPanes() or .accumulatingFiredPanes().");
    }
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    if (windowFn != null) {
      SerializableCheck.check(windowFn, "the window function " + windowFn.getClass().getName()
          + " of step '" + input.getPipeline().currentStepName() + "'");
    }
    return input.apply(new Assign<>(this, outputStrategy(input.getWindowingStrategy())));
  }

  /**
   * The primitive behind {@link Window}: assigns windows with the window function (when there is
   * one) and gives the output the new windowing strategy. Runners execute it element-wise.
   */
  public static final class Assign<T> extends PTransform<PCollection<T>, PCollection<T>> {
    private final Window<T> original;
    private final WindowingStrategy strategy;

    Assign(Window<T> original, WindowingStrategy strategy) {
      super("Assign");
      this.original = original;
      this.strategy = strategy;
    }

    /** The window function to assign with, or null to keep the elements' windows. */
    public WindowFn<?> getWindowFn() {
      return original.windowFn;
    }

    public WindowingStrategy getOutputStrategy() {
      return strategy;
    }

    @Override
    public PCollection<T> expand(PCollection<T> input) {
      return PCollection.createPrimitiveOutputInternal(
              input.getPipeline(), strategy, input.isBounded(), input.getCoder())
          .markFiniteInternal(input.isFinite());
    }
  }
}
