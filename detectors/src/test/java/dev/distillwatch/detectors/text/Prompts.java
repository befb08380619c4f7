package dev.distillwatch.detectors.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Reads prompt sets ({@code {source,id,domain,licence,text}} per line) for tests. */
public final class Prompts {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One prompt of a set. */
  public record Prompt(String source, String id, String text) {}

  private Prompts() {}

  /** The bundled sample folder ({@code data/prompts}), from surefire's system property. */
  public static Path bundled() {
    String dir = System.getProperty("distillwatch.prompts");
    Path p = dir != null ? Paths.get(dir) : Paths.get("../data/prompts");
    Assumptions.assumeTrue(Files.isDirectory(p), "bundled prompts not found at " + p);
    return p;
  }

  /** The bundled benign prompts. */
  public static List<Prompt> benign() {
    return read(bundled().resolve("benign.jsonl"));
  }

  /** The bundled extraction-style prompts. */
  public static List<Prompt> extractionStyle() {
    return read(bundled().resolve("extraction-style.jsonl"));
  }

  public static List<Prompt> read(Path file) {
    List<Prompt> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        out.add(new Prompt(n.path("source").asText(), n.path("id").asText(), n.path("text").asText()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
