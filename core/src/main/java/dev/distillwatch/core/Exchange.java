package dev.distillwatch.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable view of one request to an LLM API, built by the host from its own request type:
 * who sent it and when, the conversation as sent, the request parameters, the infrastructure
 * facts the gateway knows, and optionally facts about the response.
 *
 * <pre>{@code
 * Exchange exchange = Exchange.builder()
 *     .account("key-123")
 *     .timestamp(System.currentTimeMillis())
 *     .system("You are a helpful assistant.")
 *     .message(Role.USER, "Solve 17 * 23 and show every step.")
 *     .parameters(Parameters.of(Map.of("temperature", 0.0)))
 *     .ip("203.0.113.7")
 *     .build();
 * }</pre>
 *
 * <p>Detectors read an exchange but never keep its text; what several detectors need from the
 * text is computed once through {@link #derived(Derivation)}.
 */
public final class Exchange {
  /** The timestamp of an exchange whose host did not set one; the pipeline stamps it. */
  public static final long UNSET_TIMESTAMP = Long.MIN_VALUE;

  private final String account;
  private final long timestamp;
  private final List<Message> messages;
  private final String system;
  private final String model;
  private final Parameters parameters;
  private final String org;
  private final String ip;
  private final String userAgent;
  private final String payment;
  private final Map<String, String> attributes;
  private final ResponseFacts response;

  /** Derived results: alternating keys and values, replaced whole on every addition. */
  private volatile Object[] derived = EMPTY;

  private static final Object[] EMPTY = new Object[0];

  private Exchange(Builder b) {
    this.account = b.account;
    this.timestamp = b.timestamp;
    this.messages = List.copyOf(b.messages);
    this.system = b.system;
    this.model = b.model;
    this.parameters = b.parameters;
    this.org = b.org;
    this.ip = b.ip;
    this.userAgent = b.userAgent;
    this.payment = b.payment;
    this.attributes = b.attributes.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    this.response = b.response;
  }

  /** A builder for a new exchange. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this exchange's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.account = account;
    b.timestamp = timestamp;
    b.messages.addAll(messages);
    b.system = system;
    b.model = model;
    b.parameters = parameters;
    b.org = org;
    b.ip = ip;
    b.userAgent = userAgent;
    b.payment = payment;
    b.attributes.putAll(attributes);
    b.response = response;
    return b;
  }

  /** The API key or account that sent the request. */
  public String account() {
    return account;
  }

  /** When the request arrived, in epoch milliseconds, or {@link #UNSET_TIMESTAMP}. */
  public long timestamp() {
    return timestamp;
  }

  /** The conversation as sent, in order; system-role messages included. */
  public List<Message> messages() {
    return messages;
  }

  /** The top-level system prompt (Anthropic style), or {@code null}. */
  public String system() {
    return system;
  }

  /** The model asked for, or {@code null}. */
  public String model() {
    return model;
  }

  public Parameters parameters() {
    return parameters;
  }

  /** The organisation or billing entity, or {@code null}. */
  public String org() {
    return org;
  }

  /** The client address (IPv4 or IPv6 text), or {@code null}. */
  public String ip() {
    return ip;
  }

  /** The client's user agent, or {@code null}. */
  public String userAgent() {
    return userAgent;
  }

  /** An opaque payment-method fingerprint, or {@code null}. */
  public String payment() {
    return payment;
  }

  /** Other infrastructure facts (TLS fingerprint, ASN, country, session id, ...). */
  public Map<String, String> attributes() {
    return attributes;
  }

  /** Facts about the response, or {@code null} when the gateway did not log them. */
  public ResponseFacts response() {
    return response;
  }

  /** The text of the last user message, or the empty string when there is none. */
  public String lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      Message m = messages.get(i);
      if (m.role() == Role.USER) {
        return m.text();
      }
    }
    return "";
  }

  /**
   * The result of {@code derivation} for this exchange, computed on first use and then shared.
   * Safe to call from several threads; a result may then be computed more than once.
   */
  @SuppressWarnings("unchecked")
  public <T> T derived(Derivation<T> derivation) {
    Object[] d = derived;
    for (int i = 0; i < d.length; i += 2) {
      if (d[i] == derivation) {
        return (T) d[i + 1];
      }
    }
    T value = derivation.derive(this);
    d = derived; // re-read: a derivation may itself derive (and add) another one
    Object[] grown = java.util.Arrays.copyOf(d, d.length + 2);
    grown[d.length] = derivation;
    grown[d.length + 1] = value;
    derived = grown;
    return value;
  }

  /** A copy of this exchange with another timestamp. */
  public Exchange withTimestamp(long epochMillis) {
    return toBuilder().timestamp(epochMillis).build();
  }

  @Override
  public String toString() {
    // Never the text: an exchange may end up in host logs.
    return "Exchange{account=" + account + ", ts=" + timestamp + ", messages=" + messages.size()
        + (model == null ? "" : ", model=" + model) + "}";
  }

  /** Builds an {@link Exchange}; only {@code account} is required. */
  public static final class Builder {
    private String account;
    private long timestamp = UNSET_TIMESTAMP;
    private final List<Message> messages = new ArrayList<>();
    private String system;
    private String model;
    private Parameters parameters = Parameters.none();
    private String org;
    private String ip;
    private String userAgent;
    private String payment;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private ResponseFacts response;

    private Builder() {}

    public Builder account(String account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /** When the request arrived, in epoch milliseconds. */
    public Builder timestamp(long epochMillis) {
      this.timestamp = epochMillis;
      return this;
    }

    /** Appends a message. */
    public Builder message(Message message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /** Appends a text message. */
    public Builder message(Role role, String text) {
      return message(Message.of(role, text));
    }

    /** Replaces the messages. */
    public Builder messages(List<Message> messages) {
      this.messages.clear();
      messages.forEach(this::message);
      return this;
    }

    /** Shorthand for a single user message, as the {@code prompt} field of a traffic log. */
    public Builder prompt(String text) {
      return message(Role.USER, Objects.requireNonNull(text, "prompt"));
    }

    public Builder system(String system) {
      this.system = system;
      return this;
    }

    public Builder model(String model) {
      this.model = model;
      return this;
    }

    public Builder parameters(Parameters parameters) {
      this.parameters = Objects.requireNonNull(parameters, "parameters");
      return this;
    }

    public Builder org(String org) {
      this.org = org;
      return this;
    }

    public Builder ip(String ip) {
      this.ip = ip;
      return this;
    }

    public Builder userAgent(String userAgent) {
      this.userAgent = userAgent;
      return this;
    }

    public Builder payment(String payment) {
      this.payment = payment;
      return this;
    }

    public Builder attribute(String key, String value) {
      attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder attributes(Map<String, String> attributes) {
      this.attributes.clear();
      attributes.forEach(this::attribute);
      return this;
    }

    public Builder response(ResponseFacts response) {
      this.response = response;
      return this;
    }

    /**
     * Builds the exchange.
     *
     * @throws IllegalStateException if no account was set or the account is empty
     */
    public Exchange build() {
      if (account == null || account.isEmpty()) {
        throw new IllegalStateException("an exchange needs a non-empty account");
      }
      return new Exchange(this);
    }
  }
}
