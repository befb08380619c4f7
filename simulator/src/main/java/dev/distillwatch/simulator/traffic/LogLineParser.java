package dev.distillwatch.simulator.traffic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Parameters;
import dev.distillwatch.core.ResponseFacts;
import dev.distillwatch.core.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps one line of a traffic log (format version 1) to a {@link LogRecord}, or says precisely why
 * it cannot. Tolerances beyond the letter of the format are documented on {@link TrafficLogReader}.
 */
final class LogLineParser {
  private static final int QUOTE_LIMIT = 40;

  private final ObjectReader json;

  LogLineParser(int maximumStringLength) {
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maximumStringLength).build())
        .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
        .build();
    this.json = JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build()
        .reader();
  }

  /** Parses one non-blank line. */
  LogRecord parse(long lineNumber, String line) throws Rejection {
    JsonNode root;
    try {
      root = json.readTree(line);
    } catch (StreamConstraintsException e) {
      throw new Rejection("exceeds a parser limit: " + firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
      throw new Rejection("not JSON" + where + ": " + firstLine(e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new Rejection("not a JSON object, was " + typeOf(root));
    }
    try {
      return new LogRecord(lineNumber, exchange(root), label(root.get("label")));
    } catch (RuntimeException e) {
      // Not expected: every check above names its field. Still a bad line, never a failed run.
      throw new Rejection("could not be mapped to an exchange: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())));
    }
  }

  private static Exchange exchange(JsonNode root) throws Rejection {
    Exchange.Builder b = Exchange.builder();
    b.account(account(root.get("account")));
    b.timestamp(timestamp(root.get("ts")));
    JsonNode prompt = present(root.get("prompt"));
    JsonNode messages = present(root.get("messages"));
    if (prompt == null && messages == null) {
      throw new Rejection("one of 'prompt' or 'messages' is required");
    }
    if (messages != null) {
      b.messages(messages(messages));
    }
    if (prompt != null) {
      b.prompt(string(prompt, "prompt"));
    }
    JsonNode system = present(root.get("system"));
    if (system != null) {
      b.system(system.isArray() ? blocks(system, "system").text : string(system, "system"));
    }
    b.model(optionalString(root, "model"));
    b.org(optionalString(root, "org"));
    b.ip(optionalString(root, "ip"));
    b.userAgent(optionalString(root, "user_agent"));
    b.payment(optionalString(root, "payment"));
    JsonNode params = present(root.get("params"));
    if (params != null) {
      b.parameters(Parameters.of(object(params, "params")));
    }
    JsonNode attrs = present(root.get("attrs"));
    if (attrs != null) {
      b.attributes(attributes(attrs));
    }
    JsonNode response = present(root.get("response"));
    if (response != null) {
      b.response(response(response));
    }
    return b.build();
  }

  private static String account(JsonNode node) throws Rejection {
    if (node == null) {
      throw new Rejection("missing required field 'account'");
    }
    if (!node.isTextual() || node.textValue().isEmpty()) {
      throw new Rejection("'account' must be a non-empty string, was " + describe(node));
    }
    return node.textValue();
  }

  private static long timestamp(JsonNode node) throws Rejection {
    if (node == null) {
      throw new Rejection("missing required field 'ts'");
    }
    String expected = "'ts' must be an RFC 3339 string or epoch milliseconds, was ";
    if (node.isTextual()) {
      try {
        return TrafficTimestamps.parse(node.textValue());
      } catch (IllegalArgumentException e) {
        throw new Rejection(expected + describe(node) + " (" + e.getMessage() + ")");
      }
    }
    if (node.isNumber()) {
      if (!node.isIntegralNumber() && !(node.canConvertToExactIntegral())) {
        throw new Rejection(expected + "a fractional number " + node.asText());
      }
      if (!node.canConvertToLong()) {
        throw new Rejection(expected + "a number outside the years 0000 to 9999");
      }
      try {
        return TrafficTimestamps.checkRange(node.asLong());
      } catch (IllegalArgumentException e) {
        throw new Rejection(expected + "a number " + e.getMessage());
      }
    }
    throw new Rejection(expected + typeOf(node));
  }

  private static List<Message> messages(JsonNode node) throws Rejection {
    if (!node.isArray()) {
      throw new Rejection("'messages' must be an array, was " + typeOf(node));
    }
    List<Message> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      String where = "messages[" + i + "]";
      JsonNode m = node.get(i);
      if (!m.isObject()) {
        throw new Rejection("'" + where + "' must be an object, was " + typeOf(m));
      }
      JsonNode roleNode = m.get("role");
      if (roleNode == null) {
        throw new Rejection("missing required field '" + where + ".role'");
      }
      if (!roleNode.isTextual()) {
        throw new Rejection("'" + where + ".role' must be a string, was " + typeOf(roleNode));
      }
      Role role;
      try {
        role = Role.parse(roleNode.textValue());
      } catch (IllegalArgumentException e) {
        throw new Rejection("'" + where + ".role' must be system, user, assistant or tool, was "
            + describe(roleNode));
      }
      JsonNode content = present(m.get("content"));
      if (content == null) {
        out.add(Message.of(role, "")); // e.g. an assistant message that only calls tools
      } else if (content.isTextual()) {
        out.add(Message.of(role, content.textValue()));
      } else if (content.isArray()) {
        Blocks blocks = blocks(content, where + ".content");
        out.add(Message.of(role, blocks.text, blocks.opaqueTypes));
      } else {
        throw new Rejection("'" + where + ".content' must be a string or an array of blocks, was "
            + typeOf(content));
      }
    }
    return out;
  }

  /** Text blocks joined with newlines; other block types kept as names. */
  private static Blocks blocks(JsonNode array, String where) throws Rejection {
    StringBuilder text = new StringBuilder();
    List<String> opaque = new ArrayList<>(0);
    boolean first = true;
    for (int i = 0; i < array.size(); i++) {
      JsonNode block = array.get(i);
      String at = where + "[" + i + "]";
      String piece;
      if (block.isTextual()) {
        piece = block.textValue();
      } else if (block.isObject()) {
        JsonNode type = present(block.get("type"));
        if (type != null && !type.isTextual()) {
          throw new Rejection("'" + at + ".type' must be a string, was " + typeOf(type));
        }
        String typeName = type == null ? "text" : type.textValue();
        if (!typeName.equals("text")) {
          opaque.add(typeName);
          continue;
        }
        JsonNode t = block.get("text");
        if (t == null || !t.isTextual()) {
          throw new Rejection("'" + at + ".text' must be a string, was " + typeOf(t));
        }
        piece = t.textValue();
      } else {
        throw new Rejection("'" + at + "' must be a block object or a string, was " + typeOf(block));
      }
      if (!first) {
        text.append('\n');
      }
      text.append(piece);
      first = false;
    }
    return new Blocks(text.toString(), opaque);
  }

  private static Map<String, Object> object(JsonNode node, String field) throws Rejection {
    if (!node.isObject()) {
      throw new Rejection("'" + field + "' must be an object, was " + typeOf(node));
    }
    return javaObject(node);
  }

  private static Map<String, Object> javaObject(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), javaValue(e.getValue()));
    }
    return Collections.unmodifiableMap(out);
  }

  /** A JSON value as plain Java: Number, Boolean, String, List, Map or null. */
  private static Object javaValue(JsonNode node) {
    switch (node.getNodeType()) {
      case NUMBER:
        return node.numberValue();
      case BOOLEAN:
        return node.booleanValue();
      case STRING:
        return node.textValue();
      case ARRAY:
        List<Object> list = new ArrayList<>(node.size());
        for (JsonNode item : node) {
          list.add(javaValue(item));
        }
        return Collections.unmodifiableList(list);
      case OBJECT:
        return javaObject(node);
      default:
        return null;
    }
  }

  private static Map<String, String> attributes(JsonNode node) throws Rejection {
    if (!node.isObject()) {
      throw new Rejection("'attrs' must be an object, was " + typeOf(node));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isTextual()) {
        out.put(e.getKey(), v.textValue());
      } else if (v.isNumber() || v.isBoolean()) {
        out.put(e.getKey(), v.asText()); // tolerated: e.g. "asn": 13335, "proxy": true
      } else if (!v.isNull()) {
        throw new Rejection("'attrs." + quoteName(e.getKey()) + "' must be a string, was " + typeOf(v));
      }
    }
    return out;
  }

  private static ResponseFacts response(JsonNode node) throws Rejection {
    if (!node.isObject()) {
      throw new Rejection("'response' must be an object, was " + typeOf(node));
    }
    long outputTokens = count(node, "output_tokens");
    long inputTokens = count(node, "input_tokens");
    long latency = count(node, "latency_ms");
    JsonNode finish = present(node.get("finish_reason"));
    if (finish != null && !finish.isTextual()) {
      throw new Rejection("'response.finish_reason' must be a string, was " + typeOf(finish));
    }
    return ResponseFacts.of(outputTokens, inputTokens, finish == null ? null : finish.textValue(), latency);
  }

  private static long count(JsonNode response, String field) throws Rejection {
    JsonNode n = present(response.get(field));
    if (n == null) {
      return -1;
    }
    if (!n.isNumber()) {
      throw new Rejection("'response." + field + "' must be a number, was " + typeOf(n));
    }
    double d = n.doubleValue();
    if (!(d >= 0)) {
      throw new Rejection("'response." + field + "' must not be negative, was " + n.asText());
    }
    return n.isIntegralNumber() && n.canConvertToLong() ? n.longValue() : Math.round(d);
  }

  private static String label(JsonNode node) {
    return node == null || node.isNull() ? null : node.toString();
  }

  private static String optionalString(JsonNode root, String field) throws Rejection {
    JsonNode n = present(root.get(field));
    return n == null ? null : string(n, field);
  }

  private static String string(JsonNode node, String field) throws Rejection {
    if (!node.isTextual()) {
      throw new Rejection("'" + field + "' must be a string, was " + typeOf(node));
    }
    return node.textValue();
  }

  /** The node, or null when it is absent or JSON null: null reads as absent for optional fields. */
  private static JsonNode present(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  private static String typeOf(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "absent";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** The type, and for a string or number a short escaped quote of its value. */
  private static String describe(JsonNode node) {
    if (node != null && node.isTextual()) {
      return "string " + quote(node.textValue());
    }
    if (node != null && node.isNumber()) {
      return "number " + node.asText();
    }
    return typeOf(node);
  }

  private static String quoteName(String name) {
    String q = quote(name);
    return q.substring(1, q.length() - 1);
  }

  /**
   * A value quoted for an error message: JSON-escaped (control characters, non-ASCII and lone
   * surrogates as {@code \\uXXXX}) and cut to a few dozen characters, so that a report line stays
   * one short, printable line.
   */
  static String quote(String value) {
    StringBuilder sb = new StringBuilder(QUOTE_LIMIT + 8).append('"');
    int n = Math.min(value.length(), QUOTE_LIMIT);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (value.length() > n) {
      sb.append("...");
    }
    return sb.append('"').toString();
  }

  /** The first line of a parser message, without control characters, cut to a sane length. */
  static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int nl = message.indexOf('\n');
    String s = nl < 0 ? message : message.substring(0, nl);
    StringBuilder sb = new StringBuilder(Math.min(s.length(), 200));
    for (int i = 0; i < s.length() && sb.length() < 200; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c) ? '?' : c);
    }
    return sb.toString();
  }

  /** Text and opaque block types of a content array. */
  private static final class Blocks {
    final String text;
    final List<String> opaqueTypes;

    Blocks(String text, List<String> opaqueTypes) {
      this.text = text;
      this.opaqueTypes = opaqueTypes;
    }
  }

  /** Why a line was rejected; cheap, no stack trace. */
  static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    Rejection(String reason) {
      super(reason, null, false, false);
    }
  }
}
