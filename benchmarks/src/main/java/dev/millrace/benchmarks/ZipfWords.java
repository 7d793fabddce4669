package dev.millrace.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Generates a deterministic text of words drawn from a Zipf-like distribution (exponent 1) over
 * a vocabulary of distinct letter-only words, about ten words a line with varied separators.
 */
final class ZipfWords {
  private ZipfWords() {}

  /** Writes {@code words} words over {@code distinct} distinct words to {@code file}. */
  static void generate(Path file, long words, int distinct, long seed) throws IOException {
    String[] vocabulary = vocabulary(distinct);
    double[] cumulative = new double[distinct];
    double sum = 0;
    for (int i = 0; i < distinct; i++) {
      sum += 1.0 / (i + 1);
      cumulative[i] = sum;
    }
    Random random = new Random(seed);
    String[] separators = {" ", " ", " ", ", ", ". ", " - ", "; ", " (", ") ", " 1 "};
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder(128);
      for (long i = 0; i < words; i++) {
        double u = random.nextDouble() * sum;
        int idx = java.util.Arrays.binarySearch(cumulative, u);
        idx = idx >= 0 ? idx : Math.min(distinct - 1, -idx - 1);
        line.append(vocabulary[idx]);
        if (i % 10 == 9) {
          out.write(line.toString());
          out.write('\n');
          line.setLength(0);
        } else {
          line.append(separators[random.nextInt(separators.length)]);
        }
      }
      if (line.length() > 0) {
        out.write(line.toString());
        out.write('\n');
      }
    }
  }

  /** Distinct words made of letters only (some accented), 2 to ~8 letters long. */
  private static String[] vocabulary(int distinct) {
    String letters = "abcdefghijklmnopqrstuvwxyzéèàü";
    String[] words = new String[distinct];
    for (int i = 0; i < distinct; i++) {
      StringBuilder sb = new StringBuilder();
      int n = i + 27;
      while (n > 0) {
        sb.append(letters.charAt(n % letters.length()));
        n /= letters.length();
      }
      if (i % 7 == 0) {
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
      }
      words[i] = sb.toString();
    }
    return words;
  }
}
