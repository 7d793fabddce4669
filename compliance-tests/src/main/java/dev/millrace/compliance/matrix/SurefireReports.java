package dev.millrace.compliance.matrix;

import dev.millrace.compliance.capability.TestRequirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the {@code TEST-*.xml} files Maven Surefire writes into a reports directory. A test case
 * with a {@code failure} or {@code error} child failed; one with a {@code skipped} child whose
 * message starts with {@value TestRequirements#UNSUPPORTED_PREFIX} is unsupported; any other
 * skipped one is skipped; the rest passed. Files are read in name order, so the result is
 * deterministic.
 */
public final class SurefireReports {
  private SurefireReports() {}

  /**
   * Every test case reported in {@code dir}.
   *
   * @throws IllegalArgumentException if {@code dir} is not a directory
   * @throws UncheckedIOException if a report cannot be read or parsed
   */
  public static List<TestOutcome> read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("No test reports in " + dir + ": it is not a directory.");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
    List<TestOutcome> all = new ArrayList<>();
    DocumentBuilder builder = newBuilder();
    for (Path f : files) {
      all.addAll(parse(builder, f));
    }
    return all;
  }

  private static List<TestOutcome> parse(DocumentBuilder builder, Path file) {
    Document doc;
    try {
      doc = builder.parse(file.toFile());
    } catch (SAXException | IOException e) {
      throw new UncheckedIOException(new IOException("Cannot parse the test report " + file
          + " (delete it and run the tests again): " + e.getMessage(), e));
    }
    NodeList cases = doc.getElementsByTagName("testcase");
    List<TestOutcome> out = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element tc = (Element) cases.item(i);
      out.add(new TestOutcome(tc.getAttribute("classname"), tc.getAttribute("name"), status(tc)));
    }
    return out;
  }

  private static TestStatus status(Element testCase) {
    NodeList children = testCase.getChildNodes();
    TestStatus status = TestStatus.PASSED;
    for (int i = 0; i < children.getLength(); i++) {
      Node n = children.item(i);
      if (!(n instanceof Element e)) {
        continue;
      }
      String tag = e.getTagName();
      if (tag.equals("failure") || tag.equals("error")) {
        return TestStatus.FAILED; // a test that passed on a rerun has flakyFailure instead
      }
      if (tag.equals("skipped")) {
        status = isUnsupported(e) ? TestStatus.UNSUPPORTED : TestStatus.SKIPPED;
      }
    }
    return status;
  }

  /** Whether the skip reason (the message, or the first line of the text) marks it unsupported. */
  private static boolean isUnsupported(Element skipped) {
    String prefix = TestRequirements.UNSUPPORTED_PREFIX;
    String firstLine = skipped.getTextContent().strip().lines().findFirst().orElse("");
    return skipped.getAttribute("message").startsWith(prefix) || firstLine.startsWith(prefix)
        || firstLine.contains(": " + prefix);
  }

  private static DocumentBuilder newBuilder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setExpandEntityReferences(false);
      return f.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("No XML parser is available", e);
    }
  }
}
