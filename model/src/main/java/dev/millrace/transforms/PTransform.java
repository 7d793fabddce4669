package dev.millrace.transforms;

import dev.millrace.values.PInput;
import dev.millrace.values.POutput;

/**
 * A step of a pipeline: turns an input ({@code PBegin}, a {@code PCollection}, a tuple or list of
 * them) into an output. Composite transforms implement {@link #expand} by applying other
 * transforms; primitive transforms (reads, {@code ParDo}, {@code GroupByKey}, {@code Flatten},
 * window assignment, views) create their outputs directly and are executed by runners.
 *
 * <p>Transforms are configuration objects: they are not serialised and not shipped to workers;
 * only the functions they hold are.
 *
 * @param <InputT> the input type
 * @param <OutputT> the output type
 */
public abstract class PTransform<InputT extends PInput, OutputT extends POutput> {
  private final String name;

  /** A transform whose default step name is derived from its class. */
  protected PTransform() {
    this.name = null;
  }

  /** A transform with the given default step name. */
  protected PTransform(String name) {
    this.name = name;
  }

  /**
   * Builds the output from the input. Composites apply other transforms here; primitives create
   * their output collections.
   */
  public abstract OutputT expand(InputT input);

  /**
   * Checks the input before expansion; throw an exception that says how to fix the pipeline. The
   * default accepts everything.
   */
  public void validate(InputT input) {}

  /** The default step name: the name given at construction, else the class's simple name. */
  public String getName() {
    if (name != null) {
      return name;
    }
    Class<?> c = getClass();
    String simple = c.getSimpleName();
    while (simple.isEmpty() && c.getSuperclass() != null) {
      c = c.getSuperclass();
      simple = c.getSimpleName();
    }
    Class<?> outer = c.getEnclosingClass();
    if (outer != null && (simple.equals("Bound") || simple.equals("SingleOutput")
        || simple.equals("MultiOutput") || simple.equals("PerKey") || simple.equals("Globally"))) {
      return outer.getSimpleName() + "." + simple;
    }
    return simple;
  }

  @Override
  public String toString() {
    return getName();
  }
}
