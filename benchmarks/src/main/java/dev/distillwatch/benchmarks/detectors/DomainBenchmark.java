package dev.distillwatch.benchmarks.detectors;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.detectors.domain.DomainClassification;
import dev.distillwatch.detectors.domain.DomainClassifier;
import dev.distillwatch.detectors.domain.DomainConfig;
import dev.distillwatch.detectors.domain.DomainDetector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per request of the capability-domain classifier and detector, on 1 KB prompts.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar DomainBenchmark -f 1 -wi 3 -i 5
 * </pre>
 *
 * <p>{@code barePass} is the reference: one pass over the prompt's chars summing them.
 * {@code classifyText} is the featuriser and model alone; {@code classifyExchange} adds building
 * the exchange; {@code inspect} is the whole detector (classification, per-account and
 * population update, score) on a fresh exchange, so nothing is cached between calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DomainBenchmark {

  /** Which kind of 1 KB prompt. */
  @Param({"code", "math", "chat"})
  public String kind;

  private String text;
  private DomainClassifier classifier;
  private DomainDetector detector;
  private long t = 1_700_000_000_000L;
  private int account;

  private static final String CODE = "I have this Java method and it is slow on large inputs. Can you"
      + " explain why and rewrite it?\n```java\npublic static List<Integer> dedupe(List<Integer> xs) {\n"
      + "  List<Integer> out = new ArrayList<>();\n  for (int i = 0; i < xs.size(); i++) {\n"
      + "    if (!out.contains(xs.get(i))) {\n      out.add(xs.get(i));\n    }\n  }\n  return out;\n}\n```\n"
      + "It is called from a request handler about 200 times per second with lists of 10,000 items.";
  private static final String MATH = "A school is organising a trip for 245 students and 18 teachers."
      + " Each bus holds 52 people and costs $310 for the day, and each van holds 12 people and costs"
      + " $95. The school wants to use at most 6 buses. What is the cheapest combination of buses and"
      + " vans that carries everyone, and how much does it cost per student if the teachers travel"
      + " free? Show the calculation step by step.";
  private static final String CHAT = "My partner and I are moving to a new city next month and I'm"
      + " nervous about making friends there. We both work from home, so we won't meet people at the"
      + " office. What are some realistic ways to build a social life in a place where you don't"
      + " know anyone, without it feeling forced? I'm fairly introverted and crowded bars aren't"
      + " really my thing.";

  @Setup
  public void setup() {
    String base = kind.equals("code") ? CODE : kind.equals("math") ? MATH : CHAT;
    StringBuilder b = new StringBuilder();
    while (b.length() < 1024) {
      b.append(base).append("\n\n");
    }
    text = b.substring(0, 1024);
    classifier = DomainClassifier.ofDefaults();
    detector = DomainDetector.create(DomainConfig.ofDefaults(),
        Settings.of(42L, 100_000, Clock.system()));
  }

  @Benchmark
  public long barePass() {
    String s = text;
    long sum = 0;
    for (int i = 0; i < s.length(); i++) {
      sum += s.charAt(i);
    }
    return sum;
  }

  @Benchmark
  public DomainClassification classifyText() {
    return classifier.classify(text);
  }

  @Benchmark
  public DomainClassification classifyExchange() {
    Exchange e = Exchange.builder().account("a").timestamp(t++).prompt(text).build();
    return e.derived(DomainClassifier.DERIVATION);
  }

  @Benchmark
  public Signal inspect() {
    Exchange e = Exchange.builder().account("acct-" + (account++ & 1023)).timestamp(t += 50)
        .prompt(text).build();
    return detector.inspect(e);
  }
}
