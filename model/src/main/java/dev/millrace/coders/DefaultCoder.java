package dev.millrace.coders;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the coder the {@link CoderRegistry} infers for the annotated class (unless a coder is
 * registered for the class explicitly). The coder class must have a public static factory
 * {@code of(Class)} (as {@link JsonCoder}, {@link SerializableCoder} and {@link RecordCoder} do),
 * {@code of(TypeDescriptor)}, or {@code of()}.
 *
 * <pre>{@code
 * @DefaultCoder(JsonCoder.class)
 * public class Event { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface DefaultCoder {
  /** The coder class; it must have a static {@code of(Class)}, {@code of(TypeDescriptor)} or {@code of()}. */
  @SuppressWarnings("rawtypes")
  Class<? extends Coder> value();
}
