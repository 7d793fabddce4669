package dev.millrace.compliance.capability;

import dev.millrace.runners.Capability;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the runner capabilities a compliance test needs, on a test class (all its tests), a
 * test method, or both (the union applies; an enclosing class's declaration applies to its
 * {@code @Nested} classes). A test without any declaration requires {@link Capability#CORE} only.
 *
 * <pre>{@code
 * @Requires({Capability.TRIGGERS, Capability.TEST_STREAM})
 * class EarlyFiringsTest { ... }
 * }</pre>
 *
 * <p>On a runner that does not declare every required capability, the test is aborted before it
 * starts with the reason {@code "UNSUPPORTED: runner NAME does not declare capability ID"}; JUnit
 * reports it as skipped, and the capability matrix counts it as unsupported, never as passed.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Requires {
  /** The capabilities the annotated tests need. */
  Capability[] value();
}
