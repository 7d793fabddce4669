package dev.millrace.transforms;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A function that can be shipped to workers: what {@code MapElements}, {@code FlatMapElements},
 * {@code Filter} and friends take. Any lambda whose target is this type is serialisable; what it
 * captures must be too.
 *
 * @param <InputT> the input type
 * @param <OutputT> the output type
 */
@FunctionalInterface
public interface SerializableFunction<InputT, OutputT>
    extends Function<InputT, OutputT>, Serializable {}
