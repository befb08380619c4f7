package dev.distillwatch.simulator;

import dev.distillwatch.core.Parameters;
import dev.distillwatch.core.ResponseFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Pieces of simulated requests that several cohorts share: parameter maps, response facts,
 * placeholder assistant turns and tool definitions.
 */
public final class Requests {
  private static final String[] REPLY_OPENERS = {
      "Sure, here is what I found.", "Good question.", "Here's a step-by-step answer.", "Let me help with that.",
      "Here is a revised version.", "There are a few ways to approach this."};

  private static final List<String> TOOL_NAMES = List.of(
      "read_file", "write_file", "run_shell", "search_code", "list_directory", "apply_patch", "web_search",
      "fetch_url", "run_tests", "query_database", "send_email", "get_weather", "calendar_lookup", "python_exec");

  private Requests() {}

  /** Parameters from alternating names and values, in that order. */
  public static Parameters params(Object... namesAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return Parameters.of(m);
  }

  /**
   * Response facts for an answer of about {@code medianOutputTokens} tokens (log-normal), to a
   * request of {@code inputChars} characters, cut at {@code maxTokens} if positive.
   */
  public static ResponseFacts response(double medianOutputTokens, long inputChars, int maxTokens,
      SplittableRandom random) {
    long out = Math.max(1, (long) (medianOutputTokens * StrictMath.exp(0.6 * Diurnal.gaussian(random))));
    String finish = "stop";
    if (maxTokens > 0 && out >= maxTokens) {
      out = maxTokens;
      finish = "length";
    }
    long latency = 250 + out * 12 + random.nextInt(400);
    return ResponseFacts.of(out, Math.max(1, inputChars / 4), finish, latency);
  }

  /**
   * A placeholder for the assistant's earlier answer in a multi-turn conversation: traffic logs
   * do not hold answers, so the simulator only keeps the turn structure.
   */
  public static String assistantPlaceholder(SplittableRandom random) {
    return REPLY_OPENERS[random.nextInt(REPLY_OPENERS.length)] + " [answer of about "
        + (80 + random.nextInt(700)) + " tokens]";
  }

  /** {@code count} distinct tool definitions in the OpenAI function style, chosen at random. */
  public static List<Object> tools(int count, SplittableRandom random) {
    int n = Math.min(count, TOOL_NAMES.size());
    int[] idx = new int[TOOL_NAMES.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < n; i++) {
      int j = i + random.nextInt(idx.length - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      out[i] = tool(TOOL_NAMES.get(idx[i]));
    }
    return List.of(out);
  }

  /** One tool definition in the OpenAI function style. */
  public static Map<String, Object> tool(String name) {
    Map<String, Object> props = new LinkedHashMap<>();
    Map<String, Object> input = new LinkedHashMap<>(); // never Map.of: its order changes between runs
    input.put("type", "string");
    input.put("description", "The " + name.replace('_', ' ') + " argument");
    props.put("input", input);
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", props);
    schema.put("required", List.of("input"));
    Map<String, Object> fn = new LinkedHashMap<>();
    fn.put("name", name);
    fn.put("description", "Tool " + name.replace('_', ' ') + ".");
    fn.put("parameters", schema);
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("type", "function");
    tool.put("function", fn);
    return tool;
  }

  /** A random element. */
  public static <T> T any(List<T> list, SplittableRandom random) {
    return list.get(random.nextInt(list.size()));
  }

  /** A random element. */
  public static String any(String[] array, SplittableRandom random) {
    return array[random.nextInt(array.length)];
  }
}
