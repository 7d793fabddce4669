package dev.millrace.options;

import dev.millrace.runners.PipelineRunnerRegistrar;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The known option interfaces and their properties: {@link PipelineOptions}, those of runners and
 * {@link PipelineOptionsRegistrar}s on the class path (scanned once per class loader), and those
 * registered explicitly or passed to {@code as(...)}. An interface is validated when it is
 * registered (its shape, its defaults, and that its option names keep the types that already
 * registered interfaces give them); an invalid interface is refused and leaves the registry as it
 * was.
 */
final class OptionsRegistry {
  private static final Set<Class<? extends PipelineOptions>> REGISTERED = new LinkedHashSet<>();
  private static final Map<Class<?>, Map<String, OptionProperty>> PROPERTIES =
      new LinkedHashMap<>();
  private static final Set<ClassLoader> SCANNED =
      Collections.newSetFromMap(new IdentityHashMap<>());

  private OptionsRegistry() {}

  /** Registers an interface and the options interfaces it extends. */
  static synchronized void register(Class<? extends PipelineOptions> iface) {
    loadServices();
    add(iface);
  }

  static synchronized List<Class<? extends PipelineOptions>> registered() {
    loadServices();
    return new ArrayList<>(REGISTERED);
  }

  /** All properties of the registered interfaces, by name. */
  static synchronized Map<String, OptionProperty> allProperties() {
    Map<String, OptionProperty> all = new LinkedHashMap<>();
    for (Class<? extends PipelineOptions> c : registered()) {
      for (OptionProperty p : properties(c).values()) {
        all.putIfAbsent(p.name(), p);
      }
    }
    return all;
  }

  /**
   * The properties of an interface (including inherited ones), validating its shape: a public
   * interface extending PipelineOptions, every getter with a matching setter of the same type,
   * defaults that fit their option's type.
   */
  static synchronized Map<String, OptionProperty> properties(Class<?> iface) {
    Map<String, OptionProperty> cached = PROPERTIES.get(iface);
    if (cached == null) {
      cached = Collections.unmodifiableMap(OptionsIntrospector.introspect(iface));
      PROPERTIES.put(iface, cached);
    }
    return cached;
  }

  private static void add(Class<? extends PipelineOptions> iface) {
    if (REGISTERED.contains(iface)) {
      return;
    }
    Map<String, OptionProperty> props = properties(iface);
    checkConsistentTypes(iface, props);
    for (Class<? extends PipelineOptions> parent : superInterfaces(iface)) {
      REGISTERED.add(parent);
    }
    REGISTERED.add(iface);
  }

  /** The options interfaces that {@code iface} extends, most general first. */
  @SuppressWarnings("unchecked")
  private static List<Class<? extends PipelineOptions>> superInterfaces(Class<?> iface) {
    List<Class<? extends PipelineOptions>> out = new ArrayList<>();
    for (Class<?> parent : iface.getInterfaces()) {
      if (PipelineOptions.class.isAssignableFrom(parent)) {
        for (Class<? extends PipelineOptions> c : superInterfaces(parent)) {
          if (!out.contains(c)) {
            out.add(c);
          }
        }
        if (!out.contains(parent)) {
          out.add((Class<? extends PipelineOptions>) parent);
        }
      }
    }
    return out;
  }

  private static void checkConsistentTypes(Class<?> iface, Map<String, OptionProperty> props) {
    for (Class<? extends PipelineOptions> other : REGISTERED) {
      for (OptionProperty p : props.values()) {
        OptionProperty q = properties(other).get(p.name());
        if (q != null && !q.type().equals(p.type())) {
          throw new IllegalArgumentException("Cannot register " + iface.getName() + ": its option '"
              + p.name() + "' (" + p.iface().getName() + "." + p.getter().getName() + "()) has "
              + "the type " + p.type().getTypeName() + ", but the registered "
              + q.iface().getName() + "." + q.getter().getName() + "() declares it as "
              + q.type().getTypeName() + ". One flag name must have one type; rename one of "
              + "them.");
        }
      }
    }
  }

  private static void loadServices() {
    if (REGISTERED.isEmpty()) {
      REGISTERED.add(PipelineOptions.class);
    }
    ClassLoader tccl = Thread.currentThread().getContextClassLoader();
    scan(tccl != null ? tccl : OptionsRegistry.class.getClassLoader());
  }

  private static void scan(ClassLoader cl) {
    if (!SCANNED.add(cl)) {
      return;
    }
    boolean done = false;
    try {
      for (PipelineRunnerRegistrar r : ServiceLoader.load(PipelineRunnerRegistrar.class, cl)) {
        addFromService(r.optionsInterfaces(), "runner '" + r.name() + "' (" + r.getClass() + ")");
      }
      for (PipelineOptionsRegistrar r : ServiceLoader.load(PipelineOptionsRegistrar.class, cl)) {
        addFromService(r.getPipelineOptions(), r.getClass().getName());
      }
      done = true;
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("A service on the class path that provides options "
          + "interfaces cannot be loaded: " + e.getMessage() + ". Check its META-INF/services "
          + "entry and that the class is public with a public no-argument constructor.", e);
    } finally {
      if (!done) {
        // Fail again next time rather than run with half of the class path's options.
        SCANNED.remove(cl);
      }
    }
  }

  private static void addFromService(
      List<Class<? extends PipelineOptions>> interfaces, String source) {
    List<Class<? extends PipelineOptions>> sorted = new ArrayList<>(interfaces);
    sorted.sort(Comparator.comparing(Class::getName));
    for (Class<? extends PipelineOptions> c : sorted) {
      try {
        add(c);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "The options interfaces of " + source + " are invalid: " + e.getMessage(), e);
      }
    }
  }

  /** Validates option interfaces and lists their properties (no caching, no registration). */
  private static final class OptionsIntrospector {
    static Map<String, OptionProperty> introspect(Class<?> iface) {
      checkShape(iface);
      Map<String, Method> getters = new LinkedHashMap<>();
      Map<String, Method> setters = new LinkedHashMap<>();
      List<Method> methods = new ArrayList<>(List.of(iface.getMethods()));
      methods.sort(Comparator.comparing(Method::getName));
      for (Method m : methods) {
        if (m.isDefault() || Modifier.isStatic(m.getModifiers())
            || m.getDeclaringClass() == Object.class
            || m.getName().equals("as") || m.getName().equals("asMap")) {
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
        props.put(g.getKey(), property(iface, g.getKey(), g.getValue(), setters.get(g.getKey())));
      }
      for (Map.Entry<String, Method> s : setters.entrySet()) {
        if (!getters.containsKey(s.getKey())) {
          throw new IllegalArgumentException("Option '" + s.getKey() + "' of " + iface.getName()
              + " has the setter " + s.getValue().getName() + " but no getter; add "
              + getterName(s.getKey()) + "().");
        }
      }
      return props;
    }

    private static void checkShape(Class<?> iface) {
      if (!iface.isInterface()) {
        throw new IllegalArgumentException(iface.getName() + " is not an interface; options "
            + "must be declared as an interface extending PipelineOptions.");
      }
      if (!PipelineOptions.class.isAssignableFrom(iface)) {
        throw new IllegalArgumentException(
            iface.getName() + " must extend dev.millrace.options.PipelineOptions.");
      }
      if (!Modifier.isPublic(iface.getModifiers())) {
        throw new IllegalArgumentException(
            iface.getName() + " must be public: options are implemented by a generated proxy.");
      }
    }

    private static OptionProperty property(
        Class<?> iface, String name, Method getter, Method setter) {
      if (setter == null
          || !setter.getGenericParameterTypes()[0].equals(getter.getGenericReturnType())) {
        throw new IllegalArgumentException("Option '" + name + "' of " + iface.getName()
            + " has the getter " + getter.getName() + "() but no matching setter set"
            + capitalized(name) + "(" + getter.getGenericReturnType().getTypeName() + ")"
            + (setter == null ? "" : "; the setter takes "
                + setter.getGenericParameterTypes()[0].getTypeName() + " instead") + ".");
      }
      Class<?> type = getter.getReturnType();
      if (!type.isPrimitive() && !Modifier.isPublic(type.getModifiers())) {
        throw new IllegalArgumentException("Option '" + name + "' of " + iface.getName()
            + " has the type " + type.getName() + ", which is not public; make it public.");
      }
      OptionProperty p = new OptionProperty(
          name, getter.getDeclaringClass(), getter, setter, getter.getGenericReturnType());
      DefaultChecks.check(p);
      return p;
    }

    private static String getterName(String name) {
      return "get" + capitalized(name);
    }

    private static String capitalized(String name) {
      return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
  }
}
