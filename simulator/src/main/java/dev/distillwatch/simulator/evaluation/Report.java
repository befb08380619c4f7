package dev.distillwatch.simulator.evaluation;

import java.util.List;

/**
 * The result of evaluating methods on one scenario's traffic.
 *
 * @param scenario the scenario's name (or the input file's)
 * @param exchanges exchanges replayed
 * @param accounts distinct accounts
 * @param seconds wall-clock seconds of the run, generation included
 * @param exchangesPerSecond exchanges per second of the whole run (generation and every method)
 * @param peakHeapBytes the highest heap use sampled during the run (live data and garbage)
 * @param peakLiveHeapBytes the highest sum of the heap pools' usage after their latest
 *     collections (with G1 the old generation's figure only moves when it is collected, so this
 *     is rough), or -1 if the JVM does not report it
 * @param methods per method, in the order given
 */
public record Report(String scenario, long exchanges, long accounts, double seconds, double exchangesPerSecond,
    long peakHeapBytes, long peakLiveHeapBytes, List<MethodResult> methods) {}
