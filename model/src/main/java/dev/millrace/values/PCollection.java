package dev.millrace.values;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.coders.CannotProvideCoderException;
import dev.millrace.coders.Coder;
import dev.millrace.transforms.PTransform;
import dev.millrace.windowing.WindowingStrategy;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An immutable, possibly unbounded collection of elements of type {@code T}, the data flowing
 * between the steps of a {@link Pipeline}. Every element has a timestamp and belongs to one or more
 * windows; the collection carries a {@link Coder} for its elements, a {@link WindowingStrategy}
 * and whether it is {@link IsBounded#BOUNDED bounded} or unbounded.
 *
 * <p>The coder is inferred from the producing step's output type when not set explicitly with
 * {@link #setCoder}; inference happens on first use, and a failure names this collection and says
 * how to set a coder.
 *
 * @param <T> the element type
 */
public final class PCollection<T> implements PValue {
  /** Whether a collection is finite. */
  public enum IsBounded {
    BOUNDED,
    UNBOUNDED;

    /** UNBOUNDED if either is. */
    public IsBounded and(IsBounded other) {
      return this == UNBOUNDED || other == UNBOUNDED ? UNBOUNDED : BOUNDED;
    }
  }

  private final Pipeline pipeline;
  private final WindowingStrategy windowingStrategy;
  private final IsBounded isBounded;
  private final TupleTag<T> tag = new TupleTag<>("out");
  private String name;
  private Coder<T> coder;
  private Supplier<Coder<T>> coderInference;
  private TypeDescriptor<T> typeDescriptor;
  private boolean finished;
  private boolean finite;

  private PCollection(
      Pipeline pipeline, WindowingStrategy windowingStrategy, IsBounded isBounded, Coder<T> coder) {
    this.pipeline = pipeline;
    this.windowingStrategy = windowingStrategy;
    this.isBounded = isBounded;
    this.coder = coder;
    this.finite = isBounded == IsBounded.BOUNDED;
  }

  /**
   * For primitive transforms only: creates the output collection of the step being expanded. The
   * coder may be null, in which case it is inferred later through {@link #setCoderInference}.
   */
  public static <T> PCollection<T> createPrimitiveOutputInternal(
      Pipeline pipeline, WindowingStrategy windowingStrategy, IsBounded isBounded, Coder<T> coder) {
    return new PCollection<>(pipeline, windowingStrategy, isBounded, coder);
  }

  /** Applies a transform to this collection, naming the step after the transform. */
  public <OutputT extends POutput> OutputT apply(PTransform<? super PCollection<T>, OutputT> t) {
    return pipeline.applyTransform(this, t);
  }

  /** Applies a transform to this collection under the given step name. */
  public <OutputT extends POutput> OutputT apply(
      String name, PTransform<? super PCollection<T>, OutputT> t) {
    return pipeline.applyTransform(name, this, t);
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(tag, this);
  }

  @Override
  public String getName() {
    return name;
  }

  /** Renames this collection (before it is used as an input). Returns this. */
  public PCollection<T> setName(String newName) {
    Preconditions.checkState(!finished, "cannot rename %s after it has been used", name);
    this.name = newName;
    return this;
  }

  /** Sets the name when the producing step finishes; internal. */
  public void setNameIfUnset(String newName) {
    if (name == null) {
      name = newName;
    }
  }

  public WindowingStrategy getWindowingStrategy() {
    return windowingStrategy;
  }

  public IsBounded isBounded() {
    return isBounded;
  }

  /**
   * Whether this collection's input is known to end: true for bounded collections, and for
   * unbounded ones fed only by scripted sources such as {@code TestStream}, whose watermark always
   * reaches the end of time. Such a collection may be grouped in the global window with the default
   * trigger: it fires one pane when the input ends.
   */
  public boolean isFinite() {
    return finite;
  }

  /** Internal: marks this collection as fed only by inputs that end (see {@link #isFinite()}). */
  public PCollection<T> markFiniteInternal(boolean isFinite) {
    this.finite = isFinite || isBounded == IsBounded.BOUNDED;
    return this;
  }

  /**
   * Sets the coder of this collection's elements. Must be called before the collection is used as
   * the input of another step.
   */
  public PCollection<T> setCoder(Coder<T> newCoder) {
    Preconditions.checkNotNull(newCoder, "coder");
    Preconditions.checkState(
        !finished,
        "setCoder on %s must be called before it is used as an input of another step",
        name);
    this.coder = newCoder;
    return this;
  }

  /** Whether a coder was set or can be inferred. */
  public boolean hasCoder() {
    if (coder != null) {
      return true;
    }
    try {
      getCoder();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /**
   * The coder of this collection's elements: the one set with {@link #setCoder}, or inferred from
   * the producing step's output type.
   *
   * @throws IllegalStateException naming this collection when no coder can be inferred
   */
  public Coder<T> getCoder() {
    if (coder == null) {
      if (coderInference == null) {
        throw new IllegalStateException(noCoderMessage("its producing step declares no output type"));
      }
      try {
        coder = coderInference.get();
      } catch (CoderInferenceException e) {
        if (e.getCause() instanceof CannotProvideCoderException) {
          // The registry's message already says how to fix it.
          throw new IllegalStateException(
              "Unable to infer a coder for PCollection '" + name + "': " + e.getMessage(), e);
        }
        throw new IllegalStateException(noCoderMessage(e.getMessage()), e);
      }
      if (coder == null) {
        throw new IllegalStateException(noCoderMessage("the output type is not known"));
      }
    }
    return coder;
  }

  private String noCoderMessage(String why) {
    return "Unable to infer a coder for PCollection '"
        + name
        + "': "
        + why
        + ". Fix it by calling .setCoder(...) on that PCollection, by declaring the output type "
        + "(for example MapElements.into(TypeDescriptors.strings())), or by registering a coder "
        + "with pipeline.getCoderRegistry().registerCoderForClass(...).";
  }

  /** Internal: sets how the coder is inferred when none was set. */
  public void setCoderInference(Supplier<Coder<T>> inference) {
    this.coderInference = inference;
  }

  /** Internal: records the element type when known, for downstream inference. */
  public void setTypeDescriptor(TypeDescriptor<T> type) {
    this.typeDescriptor = type;
  }

  /** The element type, when known. */
  public TypeDescriptor<T> getTypeDescriptor() {
    return typeDescriptor;
  }

  /** Internal: marks the collection as used as an input; after this the coder is fixed. */
  public void finishSpecifying() {
    if (!finished) {
      getCoder();
      finished = true;
    }
  }

  @Override
  public String toString() {
    return "PCollection[" + name + "]";
  }

  /** Thrown by a coder-inference supplier; its message says why inference failed. */
  public static final class CoderInferenceException extends RuntimeException {
    public CoderInferenceException(String message, Throwable cause) {
      super(message, cause);
    }

    /** Wraps a registry failure. */
    public static CoderInferenceException of(CannotProvideCoderException e) {
      return new CoderInferenceException(e.getMessage(), e);
    }
  }
}
