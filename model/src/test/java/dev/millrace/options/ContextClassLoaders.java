package dev.millrace.options;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.Callable;

/**
 * Runs test code with a chosen thread context class loader, through which runners and options
 * registrars are discovered: the test fixture's services, a broken services file, or none at all.
 * The fixture's services live under a test resource folder rather than at the class path root, so
 * they never leak into other tests of the module.
 */
public final class ContextClassLoaders {
  private ContextClassLoaders() {}

  /** Sees the fixture runners (direct, flink, microbatch) and the fixture options registrar. */
  public static ClassLoader withTestServices() {
    return over("/millrace-test-services/");
  }

  /** Sees a runner services file naming a class that does not exist. */
  public static ClassLoader withBrokenServices() {
    return over("/millrace-broken-services/");
  }

  /** Sees no services at all (and none of the test classes). */
  public static ClassLoader withoutServices() {
    return new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
  }

  private static ClassLoader over(String folder) {
    URL url = ContextClassLoaders.class.getResource(folder);
    if (url == null) {
      throw new IllegalStateException("missing test resource folder " + folder);
    }
    return new URLClassLoader(new URL[] {url}, ContextClassLoaders.class.getClassLoader());
  }

  /** Calls {@code body} with {@code loader} as the context class loader, then restores it. */
  public static <T> T call(ClassLoader loader, Callable<T> body) throws Exception {
    Thread t = Thread.currentThread();
    ClassLoader old = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return body.call();
    } finally {
      t.setContextClassLoader(old);
    }
  }
}
