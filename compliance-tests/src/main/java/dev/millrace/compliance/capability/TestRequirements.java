package dev.millrace.compliance.capability;

import dev.millrace.runners.Capability;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Computes the capabilities a compliance test requires from its {@link Requires} annotations: the
 * union of those on the method, its class, the class's superclasses and its enclosing classes;
 * {@link Capability#CORE} when there are none.
 */
public final class TestRequirements {
  /** The prefix of the reason given for a test a runner does not support. */
  public static final String UNSUPPORTED_PREFIX = "UNSUPPORTED: ";

  private TestRequirements() {}

  /** The capabilities required by the test {@code method} of {@code testClass}. */
  public static Set<Capability> of(Class<?> testClass, Method method) {
    Set<Capability> required = EnumSet.noneOf(Capability.class);
    if (method != null) {
      addFrom(method.getAnnotation(Requires.class), required);
    }
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      for (Class<?> s = c; s != null && s != Object.class; s = s.getSuperclass()) {
        addFrom(s.getAnnotation(Requires.class), required);
      }
    }
    if (required.isEmpty()) {
      required.add(Capability.CORE);
    }
    return Collections.unmodifiableSet(required);
  }

  /**
   * The capabilities required by the tests named {@code methodName} in {@code testClass} (the union
   * over overloads); the class's requirements alone when no such method exists (for example a test
   * generated at run time).
   */
  public static Set<Capability> of(Class<?> testClass, String methodName) {
    Set<Capability> required = EnumSet.noneOf(Capability.class);
    boolean found = false;
    for (Class<?> s = testClass; s != null && s != Object.class; s = s.getSuperclass()) {
      for (Method m : s.getDeclaredMethods()) {
        if (m.getName().equals(methodName)) {
          required.addAll(of(testClass, m));
          found = true;
        }
      }
    }
    return found ? Collections.unmodifiableSet(required) : of(testClass, (Method) null);
  }

  /**
   * The reason a runner that declares {@code declared} cannot run a test requiring {@code
   * required}, or null when it can.
   */
  public static String unsupportedReason(
      String runner, Set<Capability> declared, Set<Capability> required) {
    List<String> missing = required.stream()
        .filter(c -> !declared.contains(c)).map(Capability::id).toList();
    if (missing.isEmpty()) {
      return null;
    }
    return UNSUPPORTED_PREFIX + "runner " + runner + " does not declare "
        + (missing.size() == 1 ? "capability " : "capabilities ") + String.join(", ", missing);
  }

  private static void addFrom(Requires r, Set<Capability> into) {
    if (r != null) {
      Collections.addAll(into, r.value());
    }
  }
}
