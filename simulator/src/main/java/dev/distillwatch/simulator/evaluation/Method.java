package dev.distillwatch.simulator.evaluation;

import dev.distillwatch.core.DistillWatch;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A detection method under evaluation: a name and a factory of fresh pipelines, so each scenario
 * starts from empty state. DistillWatch and every baseline run through the same
 * {@link DistillWatch#inspect}; an account is flagged when a verdict reaches
 * {@link dev.distillwatch.core.Level#FLAG}.
 *
 * @param name the column name in tables, e.g. {@code "distillwatch"}
 * @param pipelines creates a fresh pipeline for each run
 */
public record Method(String name, Supplier<DistillWatch> pipelines) {

  public Method {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(pipelines, "pipelines");
  }
}
