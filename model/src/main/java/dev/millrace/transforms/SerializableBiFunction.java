package dev.millrace.transforms;

import java.io.Serializable;
import java.util.function.BiFunction;

/**
 * A two-argument function that can be shipped to workers.
 *
 * @param <A> the first argument type
 * @param <B> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface SerializableBiFunction<A, B, R> extends BiFunction<A, B, R>, Serializable {}
