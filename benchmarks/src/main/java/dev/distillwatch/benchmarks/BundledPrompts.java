package dev.distillwatch.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bundled prompt sample ({@code data/prompts}) for benchmarks. The folder is taken from
 * the system property {@code distillwatch.prompts}, else {@code data/prompts} below the working
 * directory (run benchmarks from the repository root).
 */
public final class BundledPrompts {
  private BundledPrompts() {}

  /** The texts of one file of the sample ({@code "benign"} or {@code "extraction-style"}). */
  public static List<String> texts(String kind) {
    Path dir = Path.of(System.getProperty("distillwatch.prompts", "data/prompts"));
    Path file = dir.resolve(kind + ".jsonl");
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        if (!line.isBlank()) {
          JsonNode node = json.readTree(line);
          out.add(node.get("text").asText());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the prompt sample " + file
          + " (run from the repository root or set -Ddistillwatch.prompts)", e);
    }
    return out;
  }

  /**
   * Prompts of about {@code chars} characters: each text repeated or cut to that length, so that
   * costs per request compare at a fixed size.
   */
  public static List<String> ofLength(String kind, int chars, int count) {
    List<String> texts = texts(kind);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; out.size() < count && i < texts.size() * 4; i++) {
      String t = texts.get(i % texts.size());
      StringBuilder b = new StringBuilder(chars);
      while (b.length() < chars) {
        b.append(t).append('\n');
      }
      out.add(b.substring(0, chars));
    }
    return out;
  }
}
