package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.ListCoder;
import dev.millrace.coders.NullableCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular-expression transforms over {@code PCollection<String>}, with {@link Pattern} syntax:
 *
 * <ul>
 *   <li>{@code matches(regex[, group])}: for elements the regex matches <em>entirely</em>, the
 *       group (0, the whole element, by default); others are dropped. {@code allMatches} outputs
 *       every group as a list, {@code matchesKV} two groups as a pair.
 *   <li>{@code find(regex[, group])}: for elements containing a match, the group of the first
 *       match; others are dropped. {@code findAll} outputs every group of the first match as a
 *       list, {@code findKV} two groups as a pair.
 *   <li>{@code replaceAll(regex, replacement)} / {@code replaceFirst}: every element with the
 *       matches replaced ({@code $1} refers to groups, as in {@link Matcher#replaceAll}).
 *   <li>{@code split(regex[, outputEmpty])}: the pieces between matches, each as an element;
 *       empty pieces are dropped unless {@code outputEmpty}.
 * </ul>
 *
 * <p>Invalid regexes and group numbers beyond the regex's groups are rejected at construction.
 * When a single requested group does not take part in the match (an optional group), the element
 * is skipped; in the list forms, such groups are null.
 */
public final class Regex {
  private Regex() {}

  /** Whole-element matches. */
  public static Transform<String> matches(String regex) {
    return matches(regex, 0);
  }

  /** Group {@code group} of whole-element matches. */
  public static Transform<String> matches(String regex, int group) {
    Pattern p = compile(regex, group);
    return new Transform<>("Regex.Matches", p, StringUtf8Coder.of(),
        (m, out) -> emit(m.matches() ? m.group(group) : null, out));
  }

  /** The named group of whole-element matches. */
  public static Transform<String> matches(String regex, String groupName) {
    Pattern p = compile(regex, 0);
    return new Transform<>("Regex.MatchesName", p, StringUtf8Coder.of(),
        (m, out) -> emit(m.matches() ? m.group(groupName) : null, out));
  }

  /** Every group (0 first) of whole-element matches, as a list. */
  public static Transform<List<String>> allMatches(String regex) {
    return new Transform<>("Regex.AllMatches", compile(regex, 0), listCoder(),
        (m, out) -> {
          if (m.matches()) {
            out.accept(groups(m));
          }
        });
  }

  /** Two groups of whole-element matches, as a pair. */
  public static Transform<KV<String, String>> matchesKV(String regex, int keyGroup, int valueGroup) {
    Pattern p = compile(regex, Math.max(keyGroup, valueGroup));
    return new Transform<>("Regex.MatchesKV", p, kvCoder(),
        (m, out) -> {
          if (m.matches()) {
            out.accept(KV.of(m.group(keyGroup), m.group(valueGroup)));
          }
        });
  }

  /** The first match within each element. */
  public static Transform<String> find(String regex) {
    return find(regex, 0);
  }

  /** Group {@code group} of the first match within each element. */
  public static Transform<String> find(String regex, int group) {
    Pattern p = compile(regex, group);
    return new Transform<>("Regex.Find", p, StringUtf8Coder.of(),
        (m, out) -> emit(m.find() ? m.group(group) : null, out));
  }

  /** The named group of the first match within each element. */
  public static Transform<String> find(String regex, String groupName) {
    Pattern p = compile(regex, 0);
    return new Transform<>("Regex.FindName", p, StringUtf8Coder.of(),
        (m, out) -> emit(m.find() ? m.group(groupName) : null, out));
  }

  /** Every group (0 first) of the first match within each element, as a list. */
  public static Transform<List<String>> findAll(String regex) {
    return new Transform<>("Regex.FindAll", compile(regex, 0), listCoder(),
        (m, out) -> {
          if (m.find()) {
            out.accept(groups(m));
          }
        });
  }

  /** Two groups of the first match within each element, as a pair. */
  public static Transform<KV<String, String>> findKV(String regex, int keyGroup, int valueGroup) {
    Pattern p = compile(regex, Math.max(keyGroup, valueGroup));
    return new Transform<>("Regex.FindKV", p, kvCoder(),
        (m, out) -> {
          if (m.find()) {
            out.accept(KV.of(m.group(keyGroup), m.group(valueGroup)));
          }
        });
  }

  /** Each element with every match replaced. */
  public static Transform<String> replaceAll(String regex, String replacement) {
    Preconditions.checkNotNull(replacement, "replacement");
    return new Transform<>("Regex.ReplaceAll", compile(regex, 0), StringUtf8Coder.of(),
        (m, out) -> out.accept(m.replaceAll(replacement)));
  }

  /** Each element with its first match replaced. */
  public static Transform<String> replaceFirst(String regex, String replacement) {
    Preconditions.checkNotNull(replacement, "replacement");
    return new Transform<>("Regex.ReplaceFirst", compile(regex, 0), StringUtf8Coder.of(),
        (m, out) -> out.accept(m.replaceFirst(replacement)));
  }

  /** The non-empty pieces of each element between matches. */
  public static Transform<String> split(String regex) {
    return split(regex, false);
  }

  /** The pieces of each element between matches, empty ones too when {@code outputEmpty}. */
  public static Transform<String> split(String regex, boolean outputEmpty) {
    return new Transform<>("Regex.Split", compile(regex, 0), StringUtf8Coder.of(),
        (m, out) -> splitInto(m, outputEmpty, out));
  }

  private static void splitInto(Matcher m, boolean outputEmpty, Consumer<String> out) {
    StringBuilder input = new StringBuilder();
    m.appendTail(input);
    m.reset();
    int start = 0;
    while (m.find()) {
      emitPiece(input.substring(start, m.start()), outputEmpty, out);
      start = m.end();
    }
    emitPiece(input.substring(start), outputEmpty, out);
  }

  private static void emitPiece(String piece, boolean outputEmpty, Consumer<String> out) {
    if (outputEmpty || !piece.isEmpty()) {
      out.accept(piece);
    }
  }

  private static void emit(String value, Consumer<String> out) {
    if (value != null) {
      out.accept(value);
    }
  }

  private static List<String> groups(Matcher m) {
    List<String> all = new ArrayList<>(m.groupCount() + 1);
    for (int i = 0; i <= m.groupCount(); i++) {
      all.add(m.group(i));
    }
    return Collections.unmodifiableList(all);
  }

  private static Coder<List<String>> listCoder() {
    return ListCoder.of(NullableCoder.of(StringUtf8Coder.of()));
  }

  private static Coder<KV<String, String>> kvCoder() {
    return KvCoder.of(NullableCoder.of(StringUtf8Coder.of()), NullableCoder.of(StringUtf8Coder.of()));
  }

  private static Pattern compile(String regex, int highestGroup) {
    Preconditions.checkNotNull(regex, "regex");
    Preconditions.checkArgument(highestGroup >= 0, "a group number must be >= 0, got %s",
        highestGroup);
    Pattern p = Pattern.compile(regex);
    int groups = p.matcher("").groupCount();
    Preconditions.checkArgument(highestGroup <= groups,
        "group %s does not exist in the regex '%s', which has %s group(s)",
        highestGroup, regex, groups);
    return p;
  }

  /** What a regex transform does with the matcher of one element. */
  @FunctionalInterface
  interface Extractor<O> extends Serializable {
    void extract(Matcher matcher, Consumer<O> out);
  }

  /**
   * A regex transform over strings.
   *
   * @param <O> the output element type
   */
  public static final class Transform<O> extends PTransform<PCollection<String>, PCollection<O>> {
    private final Pattern pattern;
    private final Coder<O> coder;
    private final Extractor<O> extractor;

    Transform(String name, Pattern pattern, Coder<O> coder, Extractor<O> extractor) {
      super(name);
      this.pattern = pattern;
      this.coder = coder;
      this.extractor = extractor;
    }

    /** The compiled regex. */
    public Pattern getPattern() {
      return pattern;
    }

    @Override
    public PCollection<O> expand(PCollection<String> input) {
      PCollection<O> out = input.apply(getName(), ParDo.of(new RegexFn<>(pattern, extractor)));
      return out.setCoder(coder);
    }
  }

  /** The DoFn behind every {@link Regex} transform. */
  private static final class RegexFn<O> extends DoFn<String, O> {
    private final Pattern pattern;
    private final Extractor<O> extractor;

    RegexFn(Pattern pattern, Extractor<O> extractor) {
      this.pattern = pattern;
      this.extractor = extractor;
    }

    @Override
    public void processElement(ProcessContext c) {
      extractor.extract(pattern.matcher(c.element()), c::output);
    }
  }
}
