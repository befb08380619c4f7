package dev.distillwatch.core;

import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation: its role, its text, and the types of the non-text blocks it
 * carried (images, tool calls, documents), which are kept opaque and never read as text.
 */
public final class Message {
  private final Role role;
  private final String text;
  private final List<String> opaqueBlockTypes;

  private Message(Role role, String text, List<String> opaqueBlockTypes) {
    this.role = Objects.requireNonNull(role, "role");
    this.text = Objects.requireNonNull(text, "text");
    this.opaqueBlockTypes = List.copyOf(opaqueBlockTypes);
  }

  /** A message with text only. */
  public static Message of(Role role, String text) {
    return new Message(role, text, List.of());
  }

  /**
   * A message whose text blocks were joined into {@code text} and whose other blocks had the
   * given types.
   */
  public static Message of(Role role, String text, List<String> opaqueBlockTypes) {
    return new Message(role, text, opaqueBlockTypes);
  }

  public Role role() {
    return role;
  }

  /** The message's text blocks joined with newlines; empty if it had none. */
  public String text() {
    return text;
  }

  /** The {@code type} of every non-text block, in order; empty if there were none. */
  public List<String> opaqueBlockTypes() {
    return opaqueBlockTypes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message
        && role == ((Message) o).role
        && text.equals(((Message) o).text)
        && opaqueBlockTypes.equals(((Message) o).opaqueBlockTypes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(role, text, opaqueBlockTypes);
  }

  @Override
  public String toString() {
    return "Message{" + role.wireName() + ", " + text.length() + " chars"
        + (opaqueBlockTypes.isEmpty() ? "" : ", opaque " + opaqueBlockTypes) + "}";
  }
}
