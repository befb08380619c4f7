package dev.distillwatch.simulator.evaluation;

import dev.distillwatch.core.Detector;
import dev.distillwatch.core.DetectorSuite;
import dev.distillwatch.core.DistillWatch;
import dev.distillwatch.simulator.Label;
import dev.distillwatch.simulator.PromptLibrary;
import dev.distillwatch.simulator.Scenario;
import dev.distillwatch.simulator.Simulator;
import dev.distillwatch.simulator.baseline.BlacklightBaseline;
import dev.distillwatch.simulator.baseline.PradaBaseline;
import dev.distillwatch.simulator.baseline.SeatBaseline;
import dev.distillwatch.simulator.baseline.VolumeCapBaseline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The methods the evaluation compares: DistillWatch's default pipeline, each of its detectors
 * alone (the ablation), and the four baselines.
 */
public final class Methods {
  /** The name of DistillWatch's default pipeline, the reference of {@link MatchedFpr}. */
  public static final String DISTILLWATCH = "distillwatch";
  /** The prefix of a default detector run alone, e.g. {@code "alone:volume"}. */
  public static final String ALONE = "alone:";
  /** The seed the baselines hash with; any value, fixed so runs repeat. */
  public static final long BASELINE_SEED = 0x5EA7_B1AC_C11L;
  /** How many accounts each baseline tracks at most. */
  public static final int BASELINE_ACCOUNTS = 20_000;
  /** The seed offset of the benign-only calibration run of the volume cap. */
  private static final long CALIBRATION_SEED = 0xCA1_1B4A7EL;

  private Methods() {}

  /** Whether a default detector suite is on the class path, so {@link #distillWatch()} can run. */
  public static boolean distillWatchAvailable() {
    try {
      DetectorSuite.recommended();
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** DistillWatch as a host gets it: {@code DistillWatch.builder().defaults().build()}. */
  public static Method distillWatch() {
    return new Method(DISTILLWATCH, () -> DistillWatch.builder().defaults().build());
  }

  /** The names of the default suite's detectors, in the suite's order. */
  public static List<String> defaultDetectorNames() {
    return DistillWatch.builder().defaults().maximumAccounts(1).build().detectorNames();
  }

  /**
   * One default detector alone, as {@link OneDetectorSuite} builds it: the suite's settings,
   * weight and thresholds, no other detector; named {@code "alone:" + detector}.
   */
  public static Method alone(String detector) {
    return new Method(ALONE + detector,
        () -> DistillWatch.builder().suite(new OneDetectorSuite(DetectorSuite.recommended(), detector)).build());
  }

  /**
   * The ablation: every default detector alone (found in the suite, so new ones appear without
   * change here), the whole default pipeline, and the four baselines.
   */
  public static List<Method> ablation(int volumeCap) {
    List<Method> out = new ArrayList<>();
    for (String detector : defaultDetectorNames()) {
      out.add(alone(detector));
    }
    out.add(distillWatch());
    out.addAll(baselines(volumeCap));
    return out;
  }

  /** A method running one detector alone, with the default thresholds. */
  public static Method of(String name, Supplier<Detector> detector) {
    return new Method(name, () -> DistillWatch.builder().detector(detector.get()).build());
  }

  /**
   * The four baselines, the volume cap set to {@code volumeCap} requests per account-day.
   */
  public static List<Method> baselines(int volumeCap) {
    List<Method> out = new ArrayList<>();
    out.add(of("volume-cap", () -> new VolumeCapBaseline(volumeCap, BASELINE_ACCOUNTS)));
    out.add(of("prada", () -> new PradaBaseline(PradaBaseline.DEFAULT_DELTA, BASELINE_SEED, BASELINE_ACCOUNTS)));
    out.add(of("seat", () -> new SeatBaseline(BASELINE_SEED, BASELINE_ACCOUNTS)));
    out.add(of("blacklight", () -> new BlacklightBaseline(BASELINE_SEED, BASELINE_ACCOUNTS)));
    return out;
  }

  /** DistillWatch (when a suite is on the class path) and the four baselines. */
  public static List<Method> standard(int volumeCap) {
    List<Method> out = new ArrayList<>();
    if (distillWatchAvailable()) {
      out.add(distillWatch());
    }
    out.addAll(baselines(volumeCap));
    return out;
  }

  /**
   * The volume cap for a scenario: the 99.9th percentile of requests per benign account-day in a
   * benign-only run of the scenario with another seed, so the cap is not fitted to the traffic it
   * is evaluated on.
   */
  public static int calibratedVolumeCap(Scenario scenario, PromptLibrary prompts) {
    Scenario benign = scenario.only(Label.Kind.BENIGN).withSeed(scenario.seed() ^ CALIBRATION_SEED);
    return VolumeCapBaseline.calibrate(Simulator.stream(benign, prompts), 0.999);
  }
}
