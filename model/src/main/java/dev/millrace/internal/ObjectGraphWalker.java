package dev.millrace.internal;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks an object graph the way Java serialization would (non-static, non-transient fields of
 * Serializable classes, elements of arrays, collections and maps, values captured by serialisable
 * lambdas) to find the first object that is not Serializable, and the path to it. Internal; used
 * by {@link SerializableCheck} to explain a serialization failure.
 */
final class ObjectGraphWalker {
  private static final int MAX_NODES = 100_000;

  private final IdentityHashMap<Object, Boolean> visited = new IdentityHashMap<>();

  /** A non-serialisable object and the path to it. */
  record Culprit(List<String> path, Object value, Class<?> root, String lambdaCapturer) {
    /** E.g. {@code field 'client.pool' of type java.net.Socket, which is not Serializable}. */
    String describe() {
      String type = SerializableCheck.displayName(value.getClass());
      if (path.isEmpty()) {
        return "its class " + type + " does not implement java.io.Serializable";
      }
      String last = path.get(path.size() - 1);
      if (path.size() == 1 && last.startsWith("<captured value ")) {
        return "the lambda captures a value of type " + type + " (captured value "
            + last.substring("<captured value ".length(), last.length() - 1)
            + "), which is not Serializable";
      }
      return "field '" + String.join(".", path).replace(".[", "[") + "' of type " + type
          + ", which is not Serializable";
    }

    /** How to fix it, specialised for captured enclosing instances and lambdas. */
    String hint() {
      String last = path.isEmpty() ? "" : path.get(path.size() - 1);
      if (last.equals("this$0") || last.startsWith("this$0")) {
        return "It is an anonymous or inner (non-static) class, which keeps a reference to its"
            + " enclosing instance; make it a static nested or top-level class, or create it in a"
            + " static method.";
      }
      if (lambdaCapturer != null && value.getClass().getName().equals(lambdaCapturer)) {
        return "The lambda uses its enclosing instance (this) of " + lambdaCapturer
            + " (it calls an instance method or reads an instance field); copy what it needs into"
            + " a local variable first, or make the method static.";
      }
      if (lambdaCapturer != null) {
        return "A lambda captures this value; create it inside the function (e.g. in setup())"
            + " instead of capturing it, or make its class Serializable.";
      }
      if (value.getClass().isSynthetic() && value.getClass().getName().contains("$$Lambda")) {
        return "It is a lambda whose functional interface is not Serializable; declare it with a"
            + " serializable type such as SerializableFunction.";
      }
      if (path.isEmpty()) {
        return "Make the class implement java.io.Serializable.";
      }
      return "Make the field transient and initialise it in setup() (for a DoFn), or make "
          + value.getClass().getName() + " Serializable.";
    }
  }

  /** The first non-serialisable object reachable from {@code root}, or null if none is found. */
  Culprit find(Object root) {
    return visit(root, new ArrayList<>(), root.getClass(), null);
  }

  private Culprit visit(Object o, List<String> path, Class<?> root, String capturer) {
    if (o == null || visited.containsKey(o) || visited.size() > MAX_NODES) {
      return null;
    }
    visited.put(o, Boolean.TRUE);
    Class<?> c = o.getClass();
    if (c.isArray()) {
      if (c.getComponentType().isPrimitive()) {
        return null;
      }
      for (int i = 0; i < Array.getLength(o); i++) {
        Culprit r = child(Array.get(o, i), path, "[" + i + "]", root, capturer);
        if (r != null) {
          return r;
        }
      }
      return null;
    }
    if (!(o instanceof Serializable)) {
      return new Culprit(List.copyOf(path), o, root, capturer);
    }
    SerializedLambda lambda = SerializableCheck.serializedLambda(o);
    if (lambda != null) {
      String cap = lambda.getCapturingClass().replace('/', '.');
      for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
        Culprit r = child(lambda.getCapturedArg(i), path, "<captured value " + i + ">", root, cap);
        if (r != null) {
          return r;
        }
      }
      return null;
    }
    if (o instanceof Collection<?> coll) {
      int i = 0;
      for (Object e : coll) {
        Culprit r = child(e, path, "[" + i++ + "]", root, capturer);
        if (r != null) {
          return r;
        }
      }
    }
    if (o instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Culprit r = child(e.getKey(), path, "[key " + e.getKey() + "]", root, capturer);
        r = r != null ? r : child(e.getValue(), path, "[" + e.getKey() + "]", root, capturer);
        if (r != null) {
          return r;
        }
      }
    }
    return isPlatformClass(c) ? null : visitFields(o, c, path, root, capturer);
  }

  private Culprit visitFields(Object o, Class<?> c, List<String> path, Class<?> root, String cap) {
    for (Class<?> k = c; k != null && Serializable.class.isAssignableFrom(k); k = k.getSuperclass()) {
      if (isPlatformClass(k)) {
        break;
      }
      for (Field f : k.getDeclaredFields()) {
        int mod = f.getModifiers();
        if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.getType().isPrimitive()) {
          continue;
        }
        Object value;
        try {
          f.setAccessible(true);
          value = f.get(o);
        } catch (RuntimeException | IllegalAccessException e) {
          continue;
        }
        Culprit r = child(value, path, f.getName(), root, cap);
        if (r != null) {
          return r;
        }
      }
    }
    return null;
  }

  private Culprit child(Object value, List<String> path, String step, Class<?> root, String cap) {
    path.add(step);
    try {
      return visit(value, path, root, cap);
    } finally {
      path.remove(path.size() - 1);
    }
  }

  private static boolean isPlatformClass(Class<?> c) {
    String n = c.getName();
    return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.")
        || n.startsWith("sun.") || n.startsWith("com.sun.");
  }
}
