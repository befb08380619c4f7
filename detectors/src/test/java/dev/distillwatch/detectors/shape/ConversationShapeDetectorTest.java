package dev.distillwatch.detectors.shape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.distillwatch.core.Clock;
import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.core.Exchange;
import dev.distillwatch.core.Level;
import dev.distillwatch.core.Message;
import dev.distillwatch.core.Role;
import dev.distillwatch.core.Settings;
import dev.distillwatch.core.Signal;
import dev.distillwatch.core.Verdict;
import dev.distillwatch.detectors.text.Prompts;
import dev.distillwatch.detectors.text.Prompts.Prompt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conversation-shape detector on real prompts from the bundled sample: a harvesting account
 * sending one-shot unrelated tasks around the clock, and the hard negatives that resemble it or
 * are its opposite (a coding agent's tool loop in both API styles, a chat user re-sending the
 * history, a benchmark run in a burst and a steady one, faked context).
 */
class ConversationShapeDetectorTest {
  private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;

  private static List<Prompt> extraction;
  private static List<Prompt> benign;

  @BeforeAll
  static void load() {
    extraction = new ArrayList<>(Prompts.extractionStyle());
    benign = new ArrayList<>(Prompts.benign());
    Collections.shuffle(extraction, new Random(11));
    Collections.shuffle(benign, new Random(12));
  }

  private static ConversationShapeDetector detector() {
    return detector(100_000);
  }

  private static ConversationShapeDetector detector(long maximumAccounts) {
    return ConversationShapeDetector.create(ShapeConfig.ofDefaults(), Settings.of(42L, maximumAccounts, Clock.system()));
  }

  private static Exchange single(String account, long ts, String text) {
    return Exchange.builder().account(account).timestamp(ts).prompt(text).build();
  }

  /** Two days of one-shot extraction-style tasks, every 15 minutes (a rate-limited loop). */
  private static List<Exchange> harvester(String account) {
    List<Exchange> out = new ArrayList<>();
    for (int i = 0; i < 192; i++) {
      out.add(single(account, T0 + i * 15 * MINUTE + (i * 7919L % 20_000), extraction.get(i).text()));
    }
    return out;
  }

  private static Signal last(ConversationShapeDetector d, List<Exchange> exchanges) {
    Signal s = Signal.none(ConversationShapeDetector.NAME);
    for (Exchange e : exchanges) {
      s = d.inspect(e);
    }
    return s;
  }

  private static double max(ConversationShapeDetector d, List<Exchange> exchanges) {
    double max = 0;
    for (Exchange e : exchanges) {
      max = Math.max(max, d.inspect(e).score());
    }
    return max;
  }

  @Test
  void harvestingAccountIsScoredWithCountsNotText() {
    List<Exchange> traffic = harvester("harvester");
    Signal s = last(detector(), traffic);

    assertThat(s.score()).isGreaterThan(0.2).isLessThanOrEqualTo(ShapeConfig.ofDefaults().maximumScore());
    assertThat(s.evidence()).contains("of 192 requests").contains("one-shot").contains("machine-regular");
    for (Exchange e : traffic) {
      String text = e.lastUserText();
      assertThat(s.evidence()).doesNotContain(text.substring(0, Math.min(20, text.length())));
    }
  }

  @Test
  void harvesterWithPrefilledAnswerIsStillOneShot() {
    List<Exchange> traffic = new ArrayList<>();
    for (Exchange e : harvester("prefill")) {
      traffic.add(e.toBuilder().message(Role.ASSISTANT, "<think>").build());
    }
    assertThat(last(detector(), traffic).score()).isGreaterThan(0.2);
  }

  /** A follow-up takes its opener back: the evidence counts it as a conversation, not a one-shot task. */
  @Test
  void continuedTasksAreTakenBackFromTheOneShotCount() {
    List<Exchange> traffic = new ArrayList<>();
    int followUps = 0;
    for (Exchange e : harvester("mixed")) {
      traffic.add(e);
      if (traffic.size() % 10 == 0) {
        traffic.add(Exchange.builder().account("mixed").timestamp(e.timestamp() + 60_000)
            .message(Role.USER, e.lastUserText()).message(Role.ASSISTANT, "Here you are.")
            .message(Role.USER, "Can you make it shorter?").build());
        followUps++;
      }
    }
    Signal s = last(detector(), traffic);
    int total = traffic.size();
    assertThat(s.evidence()).startsWith((192 - followUps) + " of " + total + " requests")
        .contains(followUps + " (" + Math.round(100.0 * followUps / total) + "%) continue");
  }

  /** OpenAI-style agent loops: system, task, then assistant tool calls and tool results, growing. */
  @Test
  void codingAgentLoopScoresNothing() {
    ConversationShapeDetector d = detector();
    List<Exchange> traffic = new ArrayList<>();
    long t = T0;
    int task = 0;
    for (int day = 0; day < 3; day++) {
      t = T0 + day * 24 * HOUR;
      while (t < T0 + day * 24 * HOUR + 20 * HOUR) { // long days: many active hours
        List<Message> context = new ArrayList<>();
        context.add(Message.of(Role.USER, benign.get(task++ % benign.size()).text()));
        for (int step = 0; step < 12; step++) {
          List<Message> messages = new ArrayList<>();
          messages.add(Message.of(Role.SYSTEM, "You are an autonomous software engineering agent."));
          messages.addAll(context);
          traffic.add(Exchange.builder().account("agent").timestamp(t).messages(messages)
              .parameters(dev.distillwatch.core.Parameters.of(Map.of("tools", List.of(Map.of("name", "read_file")))))
              .build());
          context.add(Message.of(Role.ASSISTANT, "Let me read the file. [tool call: read_file]"));
          context.add(Message.of(Role.TOOL, "def parse(line):\n    return line.split(',')\n"));
          t += 4_000 + (step * 1_337L % 5_000);
        }
        t += 20 * MINUTE;
      }
    }
    assertThat(traffic.size()).isGreaterThan(500);
    assertThat(max(d, traffic)).isZero();
  }

  /** Anthropic-style tool loops: tool results come back as user turns without text. */
  @Test
  void toolLoopWithResultsAsUserTurnsScoresNothing() {
    ConversationShapeDetector d = detector();
    List<Exchange> traffic = new ArrayList<>();
    long t = T0;
    for (int task = 0; task < 60; task++) {
      List<Message> context = new ArrayList<>();
      context.add(Message.of(Role.USER, benign.get(task).text()));
      for (int step = 0; step < 8; step++) {
        traffic.add(Exchange.builder().account("claude-agent").timestamp(t).messages(context).build());
        context.add(Message.of(Role.ASSISTANT, "", List.of("tool_use")));
        context.add(Message.of(Role.USER, "", List.of("tool_result")));
        t += 5_000;
      }
      t += 30 * MINUTE;
    }
    assertThat(max(d, traffic)).isZero();
  }

  /** A chat user re-sending the whole history with every follow-up, around the clock. */
  @Test
  void multiTurnChatScoresNothing() {
    ConversationShapeDetector d = detector();
    List<Exchange> traffic = new ArrayList<>();
    long t = T0;
    int p = 0;
    for (int session = 0; session < 60; session++) {
      List<Message> history = new ArrayList<>();
      for (int turn = 0; turn < 4; turn++) {
        String text = benign.get(p++ % benign.size()).text();
        List<Message> messages = new ArrayList<>(history);
        messages.add(Message.of(Role.USER, text));
        traffic.add(Exchange.builder().account("chat").timestamp(t).messages(messages).build());
        history.add(Message.of(Role.USER, text));
        history.add(Message.of(Role.ASSISTANT, "Sure, here is what I think."));
        t += 40_000 + (turn * 17_011L % 90_000);
      }
      t += 50 * MINUTE;
    }
    assertThat(max(d, traffic)).isZero();
  }

  /** Context that does not continue anything (a fixed fake tool step after a new task) does not exonerate. */
  @Test
  void fakedContextIsNeutralNotContinuing() {
    List<Exchange> traffic = new ArrayList<>();
    int i = 0;
    for (Exchange e : harvester("faker")) {
      Exchange.Builder b = e.toBuilder();
      if (i++ % 4 == 0) {
        b.message(Role.ASSISTANT, "I'll start by gathering the information I need.").message(Role.TOOL, "{\"ok\": true}");
      }
      traffic.add(b.build());
    }
    Signal s = last(detector(), traffic);
    assertThat(s.score()).isGreaterThan(0);
    assertThat(s.evidence()).contains(" 0 (0%) continue");
  }

  /** A benchmark run: every item once, five a second, in one burst. Not sustained: nothing. */
  @Test
  void benchmarkBurstScoresNothing() {
    List<Exchange> traffic = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      traffic.add(single("bench", T0 + i * 200L, extraction.get(i).text()));
    }
    assertThat(max(detector(), traffic)).isZero();
  }

  /** A benchmark run spread over two days at machine-regular spacing: scored, but below WATCH alone. */
  @Test
  void steadyRegularBenchmarkStaysBelowWatchOnItsOwn() {
    DistillWatch watch = DistillWatch.builder().detector(detector()).build();
    Verdict v = null;
    double max = 0;
    for (int i = 0; i < 2000; i++) {
      v = watch.inspect(single("steady-bench", T0 + i * 90_000L, extraction.get(i).text()));
      max = Math.max(max, v.score());
    }
    assertThat(max).isGreaterThan(0).isLessThan(0.5);
    assertThat(v.level()).isEqualTo(Level.ALLOW);
  }

  /** An account re-sending one popular prompt is repeating, not harvesting. */
  @Test
  void repeatedPromptIsNotOneShot() {
    List<Exchange> traffic = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      traffic.add(single("popular", T0 + i * 15 * MINUTE, benign.get(i % 3).text()));
    }
    assertThat(max(detector(), traffic)).isZero();
  }

  @Test
  void fewRequestsScoreNothing() {
    List<Exchange> traffic = harvester("new").subList(0, ShapeConfig.ofDefaults().minimumRequests() - 1);
    assertThat(max(detector(), traffic)).isZero();
  }

  @Test
  void stateIsBoundedByMaximumAccounts() {
    ConversationShapeDetector d = detector(100);
    for (int a = 0; a < 2_000; a++) {
      for (int i = 0; i < 3; i++) {
        d.inspect(single("acct-" + a, T0 + a * 1_000L + i, extraction.get((a + i) % extraction.size()).text()));
      }
    }
    assertThat(d.trackedAccounts()).isLessThanOrEqualTo(100);
  }

  @Test
  void badInputGivesNoSignalAndNeverThrows() {
    ConversationShapeDetector d = detector();
    Exchange noMessages = Exchange.builder().account("a").timestamp(T0).build();
    Exchange systemOnly = Exchange.builder().account("a").timestamp(T0).message(Role.SYSTEM, "You are helpful.").build();
    Exchange assistantOnly = Exchange.builder().account("a").timestamp(T0).message(Role.ASSISTANT, "").build();
    Exchange noTimestamp = Exchange.builder().account("a").prompt("What is 2 + 2?").build();
    Exchange empty = Exchange.builder().account("a").timestamp(T0).prompt("").build();

    for (Exchange e : List.of(noMessages, systemOnly, assistantOnly, noTimestamp, empty)) {
      assertThatCode(() -> d.inspect(e)).doesNotThrowAnyException();
      assertThat(d.inspect(e)).isEqualTo(Signal.none(ConversationShapeDetector.NAME));
    }
  }

  @Test
  void disorderedAndExtremeTimestampsNeverThrow() {
    ConversationShapeDetector d = detector();
    long[] times = {T0, T0 - HOUR, Long.MAX_VALUE - 1, 0, -5, T0, Long.MIN_VALUE + 1};
    for (int round = 0; round < 5; round++) {
      for (long ts : times) {
        Signal s = d.inspect(single("odd", ts, extraction.get(round).text()));
        assertThat(s.score()).isBetween(0.0, 1.0);
      }
    }
  }
}
