package dev.millrace.examples;

import dev.millrace.PipelineExecutionException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Runs an example's {@code main} for the {@code ./millrace run} launcher and turns the errors a
 * user can cause into a readable message and an exit code, instead of a stack trace: a bad flag or
 * an invalid pipeline exits 2, a failed run exits 1. Set {@code MILLRACE_STACKTRACE=1} to see the
 * full trace.
 */
public final class ExampleLauncher {
  private ExampleLauncher() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: ExampleLauncher <main class> [flags]");
      System.exit(2);
    }
    Method main;
    try {
      main = Class.forName(args[0]).getMethod("main", String[].class);
    } catch (ClassNotFoundException | NoSuchMethodException e) {
      System.err.println("error: no example named " + args[0].replace("dev.millrace.examples.", "")
          + " (class " + args[0] + " with a main method was not found)");
      System.exit(2);
      return;
    }
    String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
    try {
      main.invoke(null, (Object) rest);
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      if (System.getenv("MILLRACE_STACKTRACE") != null) {
        throw t;
      }
      if (t instanceof PipelineExecutionException) {
        System.err.println("error: the pipeline failed: " + t.getMessage());
        System.exit(1);
      }
      if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
        System.err.println("error: " + t.getMessage());
        System.exit(2);
      }
      throw t;
    }
  }
}
