package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.coders.CannotProvideCoderException;
import dev.millrace.coders.Coder;
import dev.millrace.internal.SerializableCheck;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionTuple;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.TupleTag;
import dev.millrace.values.TupleTagList;
import dev.millrace.values.TypeDescriptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The element-wise primitive: applies a {@link DoFn} to every element of a collection.
 *
 * <pre>{@code
 * PCollection<String> words = lines.apply(ParDo.of(new ExtractWords()));
 * PCollectionTuple both = lines.apply(
 *     ParDo.of(new Split()).withOutputTags(mainTag, TupleTagList.of(errorsTag)));
 * }</pre>
 *
 * <p>The DoFn is checked to be serialisable when the step is applied; a failure names the DoFn and
 * the field that cannot be serialised.
 */
public final class ParDo {
  private ParDo() {}

  /** A ParDo of the given DoFn with one output. */
  public static <InputT, OutputT> SingleOutput<InputT, OutputT> of(DoFn<InputT, OutputT> fn) {
    Preconditions.checkNotNull(fn, "ParDo.of(null): a DoFn is required");
    return new SingleOutput<>(fn, List.of());
  }

  /** What runners read from a ParDo step, whichever of the two shapes it has. */
  public interface Primitive<InputT, OutputT> {
    DoFn<InputT, OutputT> getFn();

    TupleTag<OutputT> getMainOutputTag();

    List<TupleTag<?>> getAdditionalOutputTags();

    List<PCollectionView<?>> getSideInputs();
  }

  /** A ParDo with a single output collection. */
  public static final class SingleOutput<InputT, OutputT>
      extends PTransform<PCollection<? extends InputT>, PCollection<OutputT>>
      implements Primitive<InputT, OutputT> {
    private final DoFn<InputT, OutputT> fn;
    private final List<PCollectionView<?>> sideInputs;
    private final TupleTag<OutputT> mainTag = new TupleTag<>("main");

    SingleOutput(DoFn<InputT, OutputT> fn, List<PCollectionView<?>> sideInputs) {
      super("ParDo(" + displayName(fn) + ")");
      this.fn = fn;
      this.sideInputs = List.copyOf(sideInputs);
    }

    /** This ParDo reading the given side inputs. */
    public SingleOutput<InputT, OutputT> withSideInputs(PCollectionView<?>... views) {
      return withSideInputs(List.of(views));
    }

    /** This ParDo reading the given side inputs. */
    public SingleOutput<InputT, OutputT> withSideInputs(Iterable<? extends PCollectionView<?>> views) {
      List<PCollectionView<?>> all = new ArrayList<>(sideInputs);
      views.forEach(all::add);
      return new SingleOutput<>(fn, all);
    }

    /** This ParDo with additional outputs; the result is a {@link PCollectionTuple}. */
    public MultiOutput<InputT, OutputT> withOutputTags(
        TupleTag<OutputT> mainOutputTag, TupleTagList additionalOutputTags) {
      return new MultiOutput<>(fn, sideInputs, mainOutputTag, additionalOutputTags.getAll());
    }

    @Override
    public PCollection<OutputT> expand(PCollection<? extends InputT> input) {
      @SuppressWarnings("unchecked")
      PCollection<OutputT> main =
          (PCollection<OutputT>) createOutputs(input, fn, mainTag, List.of()).get(mainTag);
      return main;
    }

    @Override
    public DoFn<InputT, OutputT> getFn() {
      return fn;
    }

    @Override
    public TupleTag<OutputT> getMainOutputTag() {
      return mainTag;
    }

    @Override
    public List<TupleTag<?>> getAdditionalOutputTags() {
      return List.of();
    }

    @Override
    public List<PCollectionView<?>> getSideInputs() {
      return sideInputs;
    }
  }

  /** A ParDo with a main output and additional outputs, producing a {@link PCollectionTuple}. */
  public static final class MultiOutput<InputT, OutputT>
      extends PTransform<PCollection<? extends InputT>, PCollectionTuple>
      implements Primitive<InputT, OutputT> {
    private final DoFn<InputT, OutputT> fn;
    private final List<PCollectionView<?>> sideInputs;
    private final TupleTag<OutputT> mainTag;
    private final List<TupleTag<?>> additionalTags;

    MultiOutput(
        DoFn<InputT, OutputT> fn,
        List<PCollectionView<?>> sideInputs,
        TupleTag<OutputT> mainTag,
        List<TupleTag<?>> additionalTags) {
      super("ParMultiDo(" + displayName(fn) + ")");
      Preconditions.checkNotNull(mainTag, "main output tag");
      Preconditions.checkArgument(
          !additionalTags.contains(mainTag), "the main output tag %s is also an additional tag", mainTag);
      Preconditions.checkArgument(
          additionalTags.stream().distinct().count() == additionalTags.size(),
          "duplicate additional output tags: %s", additionalTags);
      this.fn = fn;
      this.sideInputs = List.copyOf(sideInputs);
      this.mainTag = mainTag;
      this.additionalTags = List.copyOf(additionalTags);
    }

    /** This ParDo reading the given side inputs. */
    public MultiOutput<InputT, OutputT> withSideInputs(PCollectionView<?>... views) {
      List<PCollectionView<?>> all = new ArrayList<>(sideInputs);
      all.addAll(List.of(views));
      return new MultiOutput<>(fn, all, mainTag, additionalTags);
    }

    @Override
    public PCollectionTuple expand(PCollection<? extends InputT> input) {
      return PCollectionTuple.ofAll(
          input.getPipeline(), new LinkedHashMap<>(createOutputs(input, fn, mainTag, additionalTags)));
    }

    @Override
    public DoFn<InputT, OutputT> getFn() {
      return fn;
    }

    @Override
    public TupleTag<OutputT> getMainOutputTag() {
      return mainTag;
    }

    @Override
    public List<TupleTag<?>> getAdditionalOutputTags() {
      return additionalTags;
    }

    @Override
    public List<PCollectionView<?>> getSideInputs() {
      return sideInputs;
    }
  }

  static String displayName(Object fn) {
    Class<?> c = fn.getClass();
    String n = c.getSimpleName();
    if (n.isEmpty() || c.isSynthetic() || n.contains("$$Lambda")) {
      Class<?> enclosing = c.getEnclosingClass();
      n = (enclosing != null ? enclosing.getSimpleName() : "Anonymous") + "$DoFn";
    }
    return n;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <InputT, OutputT> Map<TupleTag<?>, PCollection<?>> createOutputs(
      PCollection<? extends InputT> input,
      DoFn<InputT, OutputT> fn,
      TupleTag<OutputT> mainTag,
      List<TupleTag<?>> additionalTags) {
    Pipeline p = input.getPipeline();
    String step = p.currentStepName();
    SerializableCheck.check(
        fn, "the DoFn " + fn.getClass().getName() + " of step '" + step + "'");
    StatefulParDoCheck.checkIfStateful(fn, input, step);
    Map<TupleTag<?>, PCollection<?>> outputs = new LinkedHashMap<>();
    PCollection<OutputT> main = PCollection.createPrimitiveOutputInternal(
        p, input.getWindowingStrategy(), input.isBounded(), null);
    TypeDescriptor<OutputT> outType = fn.getOutputTypeDescriptor();
    main.markFiniteInternal(input.isFinite());
    main.setTypeDescriptor(outType);
    main.setCoderInference(() -> inferCoder(p, outType, "the output type of DoFn "
        + fn.getClass().getName() + " is not known (it is generic or a lambda)"));
    outputs.put(mainTag, main);
    for (TupleTag<?> tag : additionalTags) {
      PCollection out = PCollection.createPrimitiveOutputInternal(
          p, input.getWindowingStrategy(), input.isBounded(), null);
      out.markFiniteInternal(input.isFinite());
      TypeDescriptor td = tag.getTypeDescriptor();
      out.setTypeDescriptor(td);
      out.setCoderInference(() -> inferCoder(p, td, "the type of output tag '" + tag.getId()
          + "' is not known; create the tag as an anonymous subclass, new TupleTag<T>() {}"));
      outputs.put(tag, out);
    }
    return outputs;
  }

  static <T> Coder<T> inferCoder(Pipeline p, TypeDescriptor<T> type, String unknownTypeMessage) {
    if (type == null) {
      throw new PCollection.CoderInferenceException(unknownTypeMessage, null);
    }
    try {
      return p.getCoderRegistry().getCoder(type);
    } catch (CannotProvideCoderException e) {
      throw PCollection.CoderInferenceException.of(e);
    }
  }
}
