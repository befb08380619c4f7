package dev.distillwatch.detectors.coordination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.distillwatch.core.Exchange;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Test traffic built from the bundled real prompts ({@code data/prompts}). */
final class Traffic {
  private static List<String> benign;
  private static List<String> extraction;

  private Traffic() {}

  static synchronized List<String> benign() {
    if (benign == null) {
      benign = read("benign.jsonl");
    }
    return benign;
  }

  static synchronized List<String> extraction() {
    if (extraction == null) {
      extraction = read("extraction-style.jsonl");
    }
    return extraction;
  }

  private static List<String> read(String file) {
    String p = System.getProperty("distillwatch.prompts");
    Path folder = p != null ? Path.of(p) : Path.of("../data/prompts");
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(folder.resolve(file), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          JsonNode n = json.readTree(line);
          out.add(n.get("text").asText());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String ip(SplittableRandom r) {
    return (24 + r.nextInt(150)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  static String hex(SplittableRandom r) {
    return String.format(Locale.ROOT, "%012x", r.nextLong() & 0xffffffffffffL);
  }

  /** A hydra: {@code accounts} accounts, shared payments and a proxy pool, chain-of-thought templates. */
  static final class Hydra {
    final String[] accounts;
    final String[] payments;
    final String[] proxies;
    final String[] templates = {
        "%s\n\nThink step by step and show your complete reasoning before giving the final answer.",
        "Question: %s\n\nExplain your reasoning in detail, then state the final answer on its own line."};
    final SplittableRandom random;
    int turn;
    int task;
    /** How many distinct tasks the hydra works through before it repeats them. */
    int taskPool = Integer.MAX_VALUE;

    Hydra(int accounts, int payments, int proxies, long seed) {
      this.random = new SplittableRandom(seed);
      this.accounts = new String[accounts];
      for (int i = 0; i < accounts; i++) {
        this.accounts[i] = "hydra_" + hex(random);
      }
      this.payments = new String[payments];
      for (int i = 0; i < payments; i++) {
        this.payments[i] = "pm_" + hex(random);
      }
      this.proxies = new String[proxies];
      for (int i = 0; i < proxies; i++) {
        this.proxies[i] = ip(random);
      }
    }

    Exchange next(long time) {
      int a = turn++ % accounts.length;
      List<String> tasks = extraction();
      String t = tasks.get(task++ % Math.min(taskPool, tasks.size()));
      return Exchange.builder().account(accounts[a]).timestamp(time)
          .prompt(String.format(Locale.ROOT, templates[random.nextInt(templates.length)], t))
          .ip(proxies[random.nextInt(proxies.length)]).payment(payments[a % payments.length])
          .userAgent("python-requests/2.32.3").attribute("asn", "AS" + random.nextInt(60000)).build();
    }
  }
}
