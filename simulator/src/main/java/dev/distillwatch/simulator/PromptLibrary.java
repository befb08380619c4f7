package dev.distillwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The prompts the simulator draws from: benign prompts people send to assistants, and
 * extraction-style task sets of the kind distillation campaigns send.
 *
 * <p>{@link #bundled()} reads the small permissively licensed sample packaged in this jar (see its
 * {@code README.md} for attribution); {@link #fromDirectory(Path)} reads a larger set laid out
 * the same way ({@code benign.jsonl} and {@code extraction-style.jsonl}) or as one file per source
 * with a {@code SOURCES.md} table whose second column gives each file's kind. Rows are
 * {@code {"source", "id", "domain", "text"}} JSON objects; files are read in name order, so the
 * library, and every scenario drawn from it, is the same on every machine.
 */
public final class PromptLibrary {
  private static final String RESOURCES = "/dev/distillwatch/simulator/prompts/";
  private static final Pattern SOURCES_ROW =
      Pattern.compile("^\\|\\s*([^|\\s]+\\.jsonl)\\s*\\|\\s*(benign|extraction-style)\\s*\\|");

  private final List<Prompt> benign;
  private final List<Prompt> extraction;

  private PromptLibrary(List<Prompt> benign, List<Prompt> extraction) {
    if (benign.isEmpty() || extraction.isEmpty()) {
      throw new IllegalArgumentException("a prompt library needs benign and extraction-style prompts, found "
          + benign.size() + " and " + extraction.size());
    }
    this.benign = List.copyOf(benign);
    this.extraction = List.copyOf(extraction);
  }

  /** The sample bundled in this jar (2,445 benign and 3,327 extraction-style prompts). */
  public static PromptLibrary bundled() {
    return new PromptLibrary(readResource("benign.jsonl"), readResource("extraction-style.jsonl"));
  }

  /**
   * The prompts of a directory: either {@code benign.jsonl} and {@code extraction-style.jsonl},
   * or the {@code *.jsonl} files listed with their kind in {@code SOURCES.md}.
   *
   * @throws UncheckedIOException if the directory cannot be read
   * @throws IllegalArgumentException if it holds no prompts of either kind
   */
  public static PromptLibrary fromDirectory(Path dir) {
    try {
      if (Files.exists(dir.resolve("benign.jsonl")) && Files.exists(dir.resolve("extraction-style.jsonl"))) {
        return new PromptLibrary(readFile(dir.resolve("benign.jsonl")), readFile(dir.resolve("extraction-style.jsonl")));
      }
      Path sources = dir.resolve("SOURCES.md");
      if (!Files.exists(sources)) {
        throw new IllegalArgumentException(dir + " has neither benign.jsonl/extraction-style.jsonl nor SOURCES.md");
      }
      TreeMap<String, String> kinds = new TreeMap<>();
      for (String line : Files.readAllLines(sources, StandardCharsets.UTF_8)) {
        Matcher m = SOURCES_ROW.matcher(line);
        if (m.find()) {
          kinds.put(m.group(1), m.group(2));
        }
      }
      List<Prompt> benign = new ArrayList<>();
      List<Prompt> extraction = new ArrayList<>();
      for (var e : kinds.entrySet()) {
        Path file = dir.resolve(e.getKey());
        if (Files.exists(file)) {
          (e.getValue().equals("benign") ? benign : extraction).addAll(readFile(file));
        }
      }
      return new PromptLibrary(benign, extraction);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The library named by the system property {@code distillwatch.prompts}, else the bundled one. */
  public static PromptLibrary fromSystemPropertyOrBundled() {
    String dir = System.getProperty("distillwatch.prompts");
    return dir == null || dir.isBlank() ? bundled() : fromDirectory(Path.of(dir));
  }

  /** Prompts people send to assistants. */
  public List<Prompt> benign() {
    return benign;
  }

  /** Extraction-style task sets. */
  public List<Prompt> extraction() {
    return extraction;
  }

  /** The benign prompts in one of the given domains, or all benign prompts if none is. */
  public List<Prompt> benignIn(String... domains) {
    return select(benign, inDomains(domains));
  }

  /** The extraction-style prompts in one of the given domains, or all of them if none is. */
  public List<Prompt> extractionIn(String... domains) {
    return select(extraction, inDomains(domains));
  }

  /**
   * The prompts of either kind whose source is one of the given repositories; the extraction-style
   * prompts in {@code fallbackDomains} if there are none.
   */
  public List<Prompt> fromSources(List<String> sources, String... fallbackDomains) {
    Set<String> wanted = Set.copyOf(sources);
    List<Prompt> out = new ArrayList<>();
    for (Prompt p : benign) {
      if (wanted.contains(p.source())) {
        out.add(p);
      }
    }
    for (Prompt p : extraction) {
      if (wanted.contains(p.source())) {
        out.add(p);
      }
    }
    return out.isEmpty() ? extractionIn(fallbackDomains) : List.copyOf(out);
  }

  private static Predicate<Prompt> inDomains(String... domains) {
    Set<String> set = Set.copyOf(Arrays.asList(domains));
    return p -> set.contains(p.domain());
  }

  private static List<Prompt> select(List<Prompt> from, Predicate<Prompt> filter) {
    List<Prompt> out = from.stream().filter(filter).toList();
    return out.isEmpty() ? from : out;
  }

  private static List<Prompt> readResource(String name) {
    InputStream in = PromptLibrary.class.getResourceAsStream(RESOURCES + name);
    if (in == null) {
      throw new IllegalStateException("bundled prompts " + RESOURCES + name + " are missing from the class path");
    }
    try (in) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Prompt> readFile(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    }
  }

  private static List<Prompt> read(InputStream in) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<Prompt> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      try (Stream<String> lines = r.lines()) {
        for (String line : (Iterable<String>) lines::iterator) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode n = mapper.readTree(line);
          String text = n.path("text").asText("");
          if (!text.isBlank()) {
            out.add(new Prompt(n.path("source").asText("unknown"), n.path("id").asText(""),
                n.path("domain").asText("unknown"), text));
          }
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "PromptLibrary{benign=" + benign.size() + ", extraction=" + extraction.size() + "}";
  }
}
