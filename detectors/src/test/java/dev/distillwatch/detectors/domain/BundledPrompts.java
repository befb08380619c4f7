package dev.distillwatch.detectors.domain;

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
import java.util.Map;
import java.util.TreeMap;

/** The prompt sample bundled with the repository ({@code data/prompts}), by domain. */
final class BundledPrompts {
  record Prompt(String source, String id, String label, String text) {}

  private static List<Prompt> all;

  private BundledPrompts() {}

  static Path folder() {
    String p = System.getProperty("distillwatch.prompts");
    Path path = p != null ? Path.of(p) : Path.of("../data/prompts");
    return path;
  }

  static synchronized List<Prompt> all() {
    if (all == null) {
      ObjectMapper json = new ObjectMapper();
      List<Prompt> rows = new ArrayList<>();
      for (String f : new String[] {"benign.jsonl", "extraction-style.jsonl"}) {
        try (BufferedReader r = Files.newBufferedReader(folder().resolve(f), StandardCharsets.UTF_8)) {
          for (String line; (line = r.readLine()) != null; ) {
            if (!line.isBlank()) {
              JsonNode n = json.readTree(line);
              rows.add(new Prompt(n.get("source").asText(), n.get("id").asText(),
                  n.get("domain").asText(), n.get("text").asText()));
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      all = List.copyOf(rows);
    }
    return all;
  }

  /** Prompts by learned domain ({@code advice} as chat; other, unknown left out). */
  static Map<Domain, List<Prompt>> byDomain() {
    Map<Domain, List<Prompt>> out = new TreeMap<>();
    for (Prompt p : all()) {
      Domain d = Domain.parseLabel(p.label());
      if (d != null && d != Domain.OTHER) {
        out.computeIfAbsent(d, k -> new ArrayList<>()).add(p);
      }
    }
    return out;
  }
}
