package dev.distillwatch.detectors.domain;

import dev.distillwatch.core.Derivation;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Role;
import java.util.List;
import java.util.Locale;

/**
 * Classifies an exchange into a capability {@link Domain}: the {@link DomainModel} reads the
 * user's task (the last user message; the system prompt only when there is no user text, so a
 * template's or operator's system prompt does not decide the domain), and the exchange's
 * structure adds what text alone cannot show — tool definitions in the parameters, or tool
 * results and tool calls in the conversation, emit the model's learned "tools" structure feature
 * (see {@link DomainFeaturizer.Pass#tools()}) and add {@link #toolBonus()} to the agentic logit,
 * a hand-set prior on top.
 *
 * <p>Several detectors share one classification per exchange through {@link #derivation()}:
 * {@code exchange.derived(classifier.derivation())}. The default classifier's derivation is
 * {@link #DERIVATION}.
 *
 * <p>Cost: one pass over at most {@link #maximumChars()} characters of the user's text and
 * seven int additions per feature; see {@code DomainBenchmark}.
 */
public final class DomainClassifier {
  private static final DomainClassifier DEFAULT =
      new DomainClassifier(DomainModel.loadDefault(), 0.5, 1.0, 8192);

  /** The default classifier's shared per-exchange classification. */
  public static final Derivation<DomainClassification> DERIVATION = DEFAULT.derivation();

  private final DomainModel model;
  private final double otherThreshold;
  private final double toolBonus;
  private final int maximumChars;
  private final Derivation<DomainClassification> derivation;

  private DomainClassifier(DomainModel model, double otherThreshold, double toolBonus,
      int maximumChars) {
    if (!(otherThreshold >= 0 && otherThreshold < 1)) {
      throw new IllegalArgumentException("otherThreshold must be in [0, 1), was " + otherThreshold);
    }
    if (!(toolBonus >= 0) || maximumChars <= 0) {
      throw new IllegalArgumentException("toolBonus must be >= 0 and maximumChars positive");
    }
    this.model = model;
    this.otherThreshold = otherThreshold;
    this.toolBonus = toolBonus;
    this.maximumChars = maximumChars;
    this.derivation = this::classify;
  }

  /** The shipped model with the recommended settings (OTHER below 0.5, tool bonus 1, 8192 chars). */
  public static DomainClassifier ofDefaults() {
    return DEFAULT;
  }

  /**
   * A classifier over {@code model}.
   *
   * @param otherThreshold the top probability below which the domain is {@link Domain#OTHER}
   * @param toolBonus added to the agentic logit when tools are defined or used
   * @param maximumChars how much of the user's text is read (the start of it)
   */
  public static DomainClassifier of(DomainModel model, double otherThreshold, double toolBonus,
      int maximumChars) {
    return new DomainClassifier(model, otherThreshold, toolBonus, maximumChars);
  }

  /** This classifier's shared per-exchange classification: use with {@link Exchange#derived}. */
  public Derivation<DomainClassification> derivation() {
    return derivation;
  }

  public DomainModel model() {
    return model;
  }

  public double otherThreshold() {
    return otherThreshold;
  }

  public double toolBonus() {
    return toolBonus;
  }

  public int maximumChars() {
    return maximumChars;
  }

  /** Classifies the exchange (prefer {@code exchange.derived(derivation())} to share it). */
  public DomainClassification classify(Exchange exchange) {
    String text = exchange.lastUserText();
    if (text.isEmpty() && exchange.system() != null) {
      text = exchange.system();
    }
    double[] z = new double[Domain.LEARNED];
    boolean tools = usesTools(exchange);
    model.logits(text, maximumChars, tools, z);
    if (tools) {
      z[Domain.AGENTIC.ordinal()] += toolBonus;
    }
    return decide(z);
  }

  /** Classifies a bare text (no structure), as a user message. */
  public DomainClassification classify(CharSequence text) {
    double[] z = new double[Domain.LEARNED];
    model.logits(text, maximumChars, z);
    return decide(z);
  }

  private DomainClassification decide(double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    int best = 0;
    for (int k = 0; k < z.length; k++) {
      if (z[k] > max) {
        max = z[k];
        best = k;
      }
    }
    double sum = 0;
    for (int k = 0; k < z.length; k++) {
      z[k] = Math.exp(z[k] - max);
      sum += z[k];
    }
    for (int k = 0; k < z.length; k++) {
      z[k] /= sum;
    }
    double p = z[best];
    return new DomainClassification(p < otherThreshold ? Domain.OTHER : Domain.of(best), p, z);
  }

  private static boolean usesTools(Exchange exchange) {
    if (exchange.parameters().toolsPresent()) {
      return true;
    }
    List<Message> messages = exchange.messages();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.role() == Role.TOOL) {
        return true;
      }
      List<String> blocks = m.opaqueBlockTypes();
      for (int j = 0; j < blocks.size(); j++) {
        String t = blocks.get(j).toLowerCase(Locale.ROOT);
        if (t.startsWith("tool") || t.startsWith("function")) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "DomainClassifier{otherThreshold=%s, toolBonus=%s, maximumChars=%d}",
        otherThreshold, toolBonus, maximumChars);
  }
}
