package dev.distillwatch.sketches;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the bundled prompt sample (system property {@code distillwatch.prompts}). */
public final class PromptSample {
  /** One row of a JSON Lines file. */
  public record Prompt(String source, String id, String domain, String text) {}

  private PromptSample() {}

  /** Rows of {@code benign.jsonl}. */
  public static List<Prompt> benign() {
    return read("benign.jsonl");
  }

  /** Rows of {@code extraction-style.jsonl}. */
  public static List<Prompt> extractionStyle() {
    return read("extraction-style.jsonl");
  }

  private static List<Prompt> read(String file) {
    String dir = System.getProperty("distillwatch.prompts");
    if (dir == null) {
      throw new IllegalStateException("system property distillwatch.prompts is not set");
    }
    try {
      List<Prompt> out = new ArrayList<>();
      for (String line : Files.readAllLines(Path.of(dir, file), StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, String> f = parseFlatObject(line);
        out.add(new Prompt(f.get("source"), f.get("id"), f.get("domain"), f.get("text")));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a flat JSON object whose values are strings (enough for the sample files). */
  static Map<String, String> parseFlatObject(String json) {
    Map<String, String> out = new LinkedHashMap<>();
    int[] pos = {json.indexOf('{') + 1};
    while (true) {
      skipTo(json, pos, '"', '}');
      if (json.charAt(pos[0]) == '}') {
        return out;
      }
      String key = string(json, pos);
      skipTo(json, pos, ':', ':');
      pos[0]++;
      while (Character.isWhitespace(json.charAt(pos[0]))) {
        pos[0]++;
      }
      String value;
      if (json.charAt(pos[0]) == '"') {
        value = string(json, pos);
      } else {
        int start = pos[0];
        while (",}".indexOf(json.charAt(pos[0])) < 0) {
          pos[0]++;
        }
        value = json.substring(start, pos[0]).trim();
      }
      out.put(key, value);
    }
  }

  private static void skipTo(String s, int[] pos, char a, char b) {
    while (s.charAt(pos[0]) != a && s.charAt(pos[0]) != b) {
      pos[0]++;
    }
  }

  private static String string(String s, int[] pos) {
    StringBuilder sb = new StringBuilder();
    int i = pos[0] + 1;
    while (true) {
      char c = s.charAt(i++);
      if (c == '"') {
        break;
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> sb.append(e);
      }
    }
    pos[0] = i;
    return sb.toString();
  }
}
