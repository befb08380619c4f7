package dev.distillwatch.core;

import java.util.Locale;

/** The author of one message in a conversation, as LLM APIs name them. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT,
  TOOL;

  /**
   * Parses a wire name ({@code "system"}, {@code "user"}, {@code "assistant"}, {@code "tool"};
   * {@code "developer"} is read as system and {@code "function"} as tool).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Role parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "system":
      case "developer":
        return SYSTEM;
      case "user":
        return USER;
      case "assistant":
        return ASSISTANT;
      case "tool":
      case "function":
        return TOOL;
      default:
        throw new IllegalArgumentException("unknown message role '" + name + "'");
    }
  }

  /** The lower-case wire name. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
