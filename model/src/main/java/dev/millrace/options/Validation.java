package dev.millrace.options;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Validation rules checked by {@code PipelineOptionsFactory.fromArgs(..).withValidation()}. */
public @interface Validation {
  /** The option must be given (on the getter). */
  @Documented @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
  @interface Required {}
}
