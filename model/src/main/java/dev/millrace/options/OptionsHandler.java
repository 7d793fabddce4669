package dev.millrace.options;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state behind every view of one options object: the explicitly set values by option name,
 * the defaults computed so far, and the interfaces it has been viewed through. Every view ({@link
 * PipelineOptions#as}) is a proxy over the same handler, so a value set through one view is seen
 * through all of them, and views of one object are equal. An option that several interfaces
 * declare has one value, but until it is set each view reads the default its own interface
 * declares.
 *
 * <p>Serialisable, so options travel to workers: the set values (which must be serialisable), the
 * interfaces, and the defaults already computed that are serialisable (so a computed default such
 * as the job name is the same on every machine once it has been read).
 */
final class OptionsHandler implements InvocationHandler, Serializable {
  private static final long serialVersionUID = 1L;

  private Map<String, Object> values = new LinkedHashMap<>();
  private Set<Class<? extends PipelineOptions>> interfaces = new LinkedHashSet<>();
  /** Computed defaults by "declaring interface#option". */
  private Map<String, Object> defaults = new LinkedHashMap<>();
  private transient Map<Class<?>, Object> views;

  OptionsHandler(Map<String, Object> initial) {
    values.putAll(initial);
  }

  synchronized <T extends PipelineOptions> T as(Class<T> iface) {
    if (views == null) {
      views = new LinkedHashMap<>();
    }
    Object existing = views.get(iface);
    if (existing != null) {
      return iface.cast(existing);
    }
    OptionsRegistry.register(iface);
    interfaces.add(iface);
    // The view's own interface first: where interfaces declare the same getter, the proxy passes
    // the foremost one's Method, so each view reads the default its own interface declares.
    List<Class<?>> all = new ArrayList<>();
    all.add(iface);
    interfaces.stream().filter(c -> c != iface).forEach(all::add);
    Object proxy = Proxy.newProxyInstance(proxyLoader(iface, all), all.toArray(new Class<?>[0]),
        this);
    views.put(iface, proxy);
    return iface.cast(proxy);
  }

  /** A class loader that sees every interface of the view (the first of theirs that does). */
  private static ClassLoader proxyLoader(Class<?> iface, List<Class<?>> all) {
    List<ClassLoader> candidates = new ArrayList<>();
    candidates.add(iface.getClassLoader());
    all.forEach(c -> candidates.add(c.getClassLoader()));
    candidates.add(Thread.currentThread().getContextClassLoader());
    for (ClassLoader cl : candidates) {
      if (cl != null && all.stream().allMatch(c -> visible(cl, c))) {
        return cl;
      }
    }
    return OptionsHandler.class.getClassLoader();
  }

  private static boolean visible(ClassLoader cl, Class<?> c) {
    try {
      return Class.forName(c.getName(), false, cl) == c;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Override
  public synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    String name = method.getName();
    if (method.getDeclaringClass() == Object.class) {
      return switch (name) {
        case "toString" -> "PipelineOptions" + new TreeMap<>(values);
        case "hashCode" -> System.identityHashCode(this);
        case "equals" -> args[0] != null && Proxy.isProxyClass(args[0].getClass())
            && Proxy.getInvocationHandler(args[0]) == this;
        default -> throw new UnsupportedOperationException(name);
      };
    }
    if (method.isDefault()) {
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
    if (name.equals("as") && args != null && args.length == 1) {
      @SuppressWarnings("unchecked")
      Class<? extends PipelineOptions> c = (Class<? extends PipelineOptions>) args[0];
      return as(c);
    }
    if (name.equals("asMap") && (args == null || args.length == 0)) {
      return asMap((PipelineOptions) proxy);
    }
    String prop = OptionProperty.propertyName(method);
    if (prop == null) {
      throw new UnsupportedOperationException("not an option accessor: " + method);
    }
    if (method.getParameterCount() == 1) {
      values.put(prop, args[0]);
      defaults.keySet().removeIf(k -> k.endsWith("#" + prop));
      return null;
    }
    return get(prop, method, (PipelineOptions) proxy);
  }

  private Object get(String prop, Method getter, PipelineOptions proxy) {
    if (values.containsKey(prop)) {
      Object v = values.get(prop);
      return v == null ? OptionValues.primitiveZero(getter.getReturnType()) : v;
    }
    // Keyed by the declaring interface too: two interfaces may give one option different defaults.
    String key = getter.getDeclaringClass().getName() + "#" + prop;
    if (!defaults.containsKey(key)) {
      defaults.put(key, OptionValues.defaultValue(getter, proxy));
    }
    return defaults.get(key);
  }

  /** The set values and the defaults of every option of the interfaces seen, sorted by name. */
  private Map<String, Object> asMap(PipelineOptions proxy) {
    Map<String, Object> out = new TreeMap<>();
    for (Class<? extends PipelineOptions> iface : interfaces) {
      for (OptionProperty p : OptionsRegistry.properties(iface).values()) {
        if (!out.containsKey(p.name())) {
          Object v = get(p.name(), p.getter(), proxy);
          if (v != null || values.containsKey(p.name())) {
            out.put(p.name(), v);
          }
        }
      }
    }
    for (Map.Entry<String, Object> e : values.entrySet()) {
      out.putIfAbsent(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  synchronized boolean isSet(String prop) {
    return values.containsKey(prop);
  }

  private synchronized void writeObject(ObjectOutputStream out) throws IOException {
    for (Map.Entry<String, Object> e : values.entrySet()) {
      Object v = e.getValue();
      if (v != null && !(v instanceof Serializable)) {
        throw new NotSerializableException("The option '" + e.getKey() + "' holds a "
            + v.getClass().getName() + ", which is not Serializable; options are shipped to "
            + "workers, so every value set on them must be Serializable.");
      }
    }
    Map<String, Object> shippableDefaults = new LinkedHashMap<>();
    defaults.forEach((k, v) -> {
      if (v == null || v instanceof Serializable) {
        shippableDefaults.put(k, v);
      }
    });
    out.writeObject(new LinkedHashMap<>(values));
    out.writeObject(new ArrayList<>(interfaces));
    out.writeObject(shippableDefaults);
  }

  @SuppressWarnings("unchecked")
  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    values = (Map<String, Object>) in.readObject();
    interfaces = new LinkedHashSet<>((List<Class<? extends PipelineOptions>>) in.readObject());
    defaults = (Map<String, Object>) in.readObject();
  }
}
