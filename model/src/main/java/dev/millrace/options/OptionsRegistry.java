package dev.millrace.options;

import dev.millrace.runners.PipelineRunnerRegistrar;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The known option interfaces and their properties: {@link PipelineOptions}, those of runners and
 * {@link PipelineOptionsRegistrar}s on the class path, and those registered explicitly or passed
 * to {@code as(...)}. Interfaces are validated when registered.
 */
final class OptionsRegistry {
  private static final Set<Class<? extends PipelineOptions>> REGISTERED = new LinkedHashSet<>();
  private static boolean loaded;

  private OptionsRegistry() {}

  static synchronized void register(Class<? extends PipelineOptions> iface) {
    loadServices();
    if (!REGISTERED.contains(iface)) {
      properties(iface);
      REGISTERED.add(iface);
    }
  }

  static synchronized List<Class<? extends PipelineOptions>> registered() {
    loadServices();
    return new ArrayList<>(REGISTERED);
  }

  private static void loadServices() {
    if (loaded) {
      return;
    }
    loaded = true;
    REGISTERED.add(PipelineOptions.class);
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    for (PipelineRunnerRegistrar r : ServiceLoader.load(PipelineRunnerRegistrar.class, cl)) {
      for (Class<? extends PipelineOptions> c : r.optionsInterfaces()) {
        properties(c);
        REGISTERED.add(c);
      }
    }
    for (PipelineOptionsRegistrar r : ServiceLoader.load(PipelineOptionsRegistrar.class, cl)) {
      for (Class<? extends PipelineOptions> c : r.getPipelineOptions()) {
        properties(c);
        REGISTERED.add(c);
      }
    }
  }

  /** All properties of the registered interfaces, by name. */
  static synchronized Map<String, OptionProperty> allProperties() {
    Map<String, OptionProperty> all = new LinkedHashMap<>();
    for (Class<? extends PipelineOptions> c : registered()) {
      for (OptionProperty p : properties(c).values()) {
        OptionProperty prev = all.putIfAbsent(p.name(), p);
        if (prev != null && !prev.type().equals(p.type())) {
          throw new IllegalArgumentException("The option '" + p.name() + "' is declared as "
              + prev.type().getTypeName() + " in " + prev.iface().getName() + " but as "
              + p.type().getTypeName() + " in " + p.iface().getName()
              + "; one option name must have one type.");
        }
      }
    }
    return all;
  }

  /**
   * The properties of an interface (including inherited ones), validating its shape: an
   * interface, extending PipelineOptions, every getter with a matching setter of the same type.
   */
  static Map<String, OptionProperty> properties(Class<?> iface) {
    if (!iface.isInterface()) {
      throw new IllegalArgumentException(
          iface.getName() + " is not an interface; options must be declared as an interface "
              + "extending PipelineOptions.");
    }
    if (!PipelineOptions.class.isAssignableFrom(iface)) {
      throw new IllegalArgumentException(
          iface.getName() + " must extend dev.millrace.options.PipelineOptions.");
    }
    if (!Modifier.isPublic(iface.getModifiers())) {
      throw new IllegalArgumentException(
          iface.getName() + " must be public: options are implemented by a generated proxy.");
    }
    Map<String, Method> getters = new LinkedHashMap<>();
    Map<String, Method> setters = new LinkedHashMap<>();
    List<Method> methods = new ArrayList<>(List.of(iface.getMethods()));
    methods.sort(Comparator.comparing(Method::getName));
    for (Method m : methods) {
      if (m.isDefault() || Modifier.isStatic(m.getModifiers())
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      if (m.getName().equals("as") || m.getName().equals("asMap")) {
        continue;
      }
      String name = OptionProperty.propertyName(m);
      if (name == null) {
        throw new IllegalArgumentException("Method " + m.getDeclaringClass().getName() + "."
            + m.getName() + " is neither a getter (getX()/isX()) nor a setter (setX(value)); "
            + "options interfaces may only declare getter/setter pairs.");
      }
      (m.getParameterCount() == 0 ? getters : setters).put(name, m);
    }
    Map<String, OptionProperty> props = new LinkedHashMap<>();
    for (Map.Entry<String, Method> g : getters.entrySet()) {
      Method setter = setters.get(g.getKey());
      if (setter == null || !setter.getGenericParameterTypes()[0].equals(g.getValue().getGenericReturnType())) {
        throw new IllegalArgumentException("Option '" + g.getKey() + "' of " + iface.getName()
            + " has the getter " + g.getValue().getName() + "() but no matching setter set"
            + Character.toUpperCase(g.getKey().charAt(0)) + g.getKey().substring(1) + "("
            + g.getValue().getGenericReturnType().getTypeName() + ").");
      }
      Class<?> type = g.getValue().getReturnType();
      if (!type.isPrimitive() && !Modifier.isPublic(type.getModifiers())) {
        throw new IllegalArgumentException("Option '" + g.getKey() + "' of " + iface.getName()
            + " has the type " + type.getName() + ", which is not public; make it public.");
      }
      props.put(g.getKey(), new OptionProperty(g.getKey(), g.getValue().getDeclaringClass(),
          g.getValue(), setter, g.getValue().getGenericReturnType()));
    }
    for (String s : setters.keySet()) {
      if (!getters.containsKey(s)) {
        throw new IllegalArgumentException("Option '" + s + "' of " + iface.getName()
            + " has a setter but no getter; add the getter.");
      }
    }
    return props;
  }
}
