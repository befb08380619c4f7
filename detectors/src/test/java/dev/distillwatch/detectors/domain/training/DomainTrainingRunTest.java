package dev.distillwatch.detectors.domain.training;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link DomainTrainer} from Maven; skipped unless {@code -Ddistillwatch.domain.train} names
 * the prompts folder (the full shared set; it is not in the repository):
 *
 * <pre>
 * ./mvnw -B -q -pl detectors -am verify -Dtest=DomainTrainingRunTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Ddistillwatch.domain.train=/work/shared/data/prompts
 * </pre>
 *
 * <p>Writes {@code detectors/target/domain-training/domain-model.bin.gz} and
 * {@code domain-training-report.md}; copy the model over the resource to ship it.
 */
class DomainTrainingRunTest {

  @Test
  void train() throws Exception {
    String data = System.getProperty("distillwatch.domain.train");
    assumeTrue(data != null && !data.isBlank() && Files.isDirectory(Path.of(data)),
        "set -Ddistillwatch.domain.train=<prompts folder> to train the domain model");
    String quick = System.getProperty("distillwatch.domain.quick");
    DomainTrainer.main(quick == null
        ? new String[] {data, "target/domain-training"}
        : new String[] {data, "target/domain-training", "quick"});
  }
}
