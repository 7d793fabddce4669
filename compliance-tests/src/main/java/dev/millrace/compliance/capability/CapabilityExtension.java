package dev.millrace.compliance.capability;

import dev.millrace.runners.Capability;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * A JUnit 5 extension, registered for every compliance test by auto-detection, that aborts a test
 * before it starts when the current runner does not declare a capability the test {@link Requires}.
 * The abort reason starts with {@value TestRequirements#UNSUPPORTED_PREFIX}; JUnit reports the test
 * as skipped and the capability matrix counts it as unsupported.
 *
 * <p>It runs per test invocation, so each case of a parameterized test is reported on its own.
 */
public final class CapabilityExtension implements BeforeEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CapabilityExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    RunnerCapabilities runner = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
        RunnerCapabilities.class, k -> RunnerCapabilities.current(), RunnerCapabilities.class);
    Set<Capability> required = TestRequirements.of(
        context.getRequiredTestClass(), context.getTestMethod().orElse(null));
    String reason =
        TestRequirements.unsupportedReason(runner.runner(), runner.declared(), required);
    if (reason != null) {
      throw new UnsupportedCapabilityException(reason);
    }
  }

  /** Aborts a test a runner does not support; it has no stack trace, which would say nothing. */
  static final class UnsupportedCapabilityException extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    UnsupportedCapabilityException(String reason) {
      super(reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
