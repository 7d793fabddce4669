package dev.millrace.options;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Default values of options, put on the getter: {@code @Default.Integer(4) int getShards();}. */
public @interface Default {
  /** A string default. */
  @Documented @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
  @interface String {
    java.lang.String value();
  }

  /** An int default. */
  @Documented @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
  @interface Integer {
    int value();
  }

  /** A long default. */
  @Documented @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
  @interface Long {
    long value();
  }

  /** A double default. */
  @Documented @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
  @interface Double {
    double value();
  }

  /** A boolean default. */
  @Documented @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
  @interface Boolean {
    boolean value();
  }

  /** An enum default, by constant name. */
  @Documented @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
  @interface Enum {
    java.lang.String value();
  }

  /** A default computed by a factory (with a public no-argument constructor). */
  @Documented @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
  @interface InstanceFactory {
    Class<? extends DefaultValueFactory<?>> value();
  }
}
