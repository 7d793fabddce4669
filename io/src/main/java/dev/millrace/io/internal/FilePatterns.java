package dev.millrace.io.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands a file pattern on the local file system into the files it matches, sorted by path.
 *
 * <p>A pattern without glob characters is a plain path and matches that file if it exists. A
 * pattern with glob characters ({@code * ? [ {}) is split into the literal directory before the
 * first glob character and the glob after it, which is matched (with {@link PathMatcher} glob
 * syntax) against the paths of the regular files below that directory: {@code *} and {@code ?}
 * stay within one path segment, {@code **} crosses segments, {@code {a,b}} is an alternative. A
 * {@code **}{@code /} may also match no directory at all, so {@code data/**}{@code /*.txt} matches
 * {@code data/x.txt} too. Relative patterns are resolved against the working directory.
 */
public final class FilePatterns {
  private FilePatterns() {}

  /** The regular files matching the pattern, as absolute paths, sorted; empty when none. */
  public static List<Path> match(String pattern) {
    try {
      return matchOrThrow(pattern);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the files matching '" + pattern + "': " + e, e);
    }
  }

  /** The message for a pattern that matched nothing, naming the pattern and how it resolved. */
  public static String noMatchMessage(String pattern) {
    String where = Path.of(pattern).isAbsolute()
        ? ""
        : " (resolved against " + Path.of("").toAbsolutePath() + ")";
    return "No files match '" + pattern + "'" + where
        + ". Check the path and the working directory, or fix the pattern (globs: *, ?, **, {a,b}).";
  }

  private static List<Path> matchOrThrow(String pattern) throws IOException {
    int firstGlob = firstGlobChar(pattern);
    if (firstGlob < 0) {
      Path p = Path.of(pattern).toAbsolutePath().normalize();
      return Files.isRegularFile(p) ? List.of(p) : List.of();
    }
    int sep = pattern.lastIndexOf('/', firstGlob);
    String base = sep < 0 ? "" : pattern.substring(0, sep + 1);
    String glob = pattern.substring(sep + 1);
    Path baseDir = Path.of(base.isEmpty() ? "." : base).toAbsolutePath().normalize();
    if (!Files.isDirectory(baseDir)) {
      return List.of();
    }
    String effective = glob.contains("**/") && glob.indexOf('{') < 0
        ? glob.replace("**/", "{**/,}")
        : glob;
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + effective);
    int depth = glob.contains("**") ? Integer.MAX_VALUE : segments(glob);
    try (Stream<Path> files = Files.walk(baseDir, depth, FileVisitOption.FOLLOW_LINKS)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> matcher.matches(baseDir.relativize(f)))
          .sorted()
          .toList();
    }
  }

  private static int segments(String glob) {
    int n = 1;
    for (int i = 0; i < glob.length(); i++) {
      if (glob.charAt(i) == '/') {
        n++;
      }
    }
    return n;
  }

  /** The index of the first glob metacharacter, or -1 for a plain path. */
  static int firstGlobChar(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char ch = pattern.charAt(i);
      if (ch == '*' || ch == '?' || ch == '[' || ch == '{') {
        return i;
      }
    }
    return -1;
  }
}
