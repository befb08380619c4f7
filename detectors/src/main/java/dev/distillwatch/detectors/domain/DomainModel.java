package dev.distillwatch.detectors.domain;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A multinomial logistic-regression model over the hashed features of {@link DomainFeaturizer},
 * with int8 weights and one float scale per domain.
 *
 * <p>The feature vector of a text is its bucket counts divided by the square root of the number
 * of features (so long and short prompts are on one scale); the logit of domain {@code c} is
 * {@code bias[c] + scale[c] * sum(w[b][c]) / sqrt(n)}. Scoring one feature is seven byte loads
 * and adds into int accumulators, on one cache line.
 *
 * <p>The shipped weights ({@link #loadDefault()}) are a gzipped resource of this package,
 * trained by {@code DomainTrainer} (test sources) from permissively licensed prompt sets; see
 * the NOTICE beside it and {@code docs/domain-classifier.md}.
 */
public final class DomainModel {
  /** The resource path of the shipped weights. */
  public static final String RESOURCE = "/dev/distillwatch/detectors/domain/domain-model.bin.gz";

  private static final int MAGIC = 0x44574431; // "DWD1"
  private static final int STRIDE = 8; // 7 learned domains, padded to 8 bytes per bucket
  private static final int C = Domain.LEARNED;

  private final DomainFeaturizer featurizer;
  private final byte[] weights; // bucket-major, STRIDE bytes per bucket
  private final float[] scale;
  private final float[] bias;
  private final String description;

  private DomainModel(DomainFeaturizer featurizer, byte[] weights, float[] scale, float[] bias,
      String description) {
    this.featurizer = featurizer;
    this.weights = weights;
    this.scale = scale;
    this.bias = bias;
    this.description = description;
  }

  /**
   * Quantises float weights into a model.
   *
   * @param w {@code w[bucket * LEARNED + domain]}, for the featuriser's bucket count
   * @param bias one per learned domain
   * @param description free text stored with the weights (training data, figures)
   */
  public static DomainModel quantize(DomainFeaturizer featurizer, float[] w, float[] bias,
      String description) {
    int buckets = featurizer.buckets();
    if (w.length != buckets * C || bias.length != C) {
      throw new IllegalArgumentException("expected " + buckets * C + " weights and " + C + " biases");
    }
    float[] scale = new float[C];
    for (int c = 0; c < C; c++) {
      float max = 0;
      for (int b = 0; b < buckets; b++) {
        max = Math.max(max, Math.abs(w[b * C + c]));
      }
      scale[c] = max == 0 ? 1f : max / 127f;
    }
    byte[] q = new byte[buckets * STRIDE];
    for (int b = 0; b < buckets; b++) {
      for (int c = 0; c < C; c++) {
        q[b * STRIDE + c] = (byte) Math.round(w[b * C + c] / scale[c]);
      }
    }
    return new DomainModel(featurizer, q, scale, bias.clone(), description);
  }

  /** The shipped model, loaded once from the classpath. */
  public static DomainModel loadDefault() {
    return Holder.DEFAULT;
  }

  private static final class Holder {
    static final DomainModel DEFAULT = loadResource();

    private static DomainModel loadResource() {
      try (InputStream in = DomainModel.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE);
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }
  }

  /** Reads a model written by {@link #write}. */
  public static DomainModel read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)));
    if (in.readInt() != MAGIC) {
      throw new IOException("not a domain model");
    }
    long seed = in.readLong();
    int bits = in.readInt();
    DomainFeaturizer.CharGrams grams = DomainFeaturizer.CharGrams.values()[in.readByte()];
    int classes = in.readInt();
    if (classes != C) {
      throw new IOException("model has " + classes + " domains, expected " + C);
    }
    for (int c = 0; c < C; c++) {
      String label = in.readUTF();
      if (!label.equals(Domain.of(c).label())) {
        throw new IOException("domain " + c + " is '" + label + "', expected " + Domain.of(c).label());
      }
    }
    float[] scale = new float[C];
    float[] bias = new float[C];
    for (int c = 0; c < C; c++) {
      scale[c] = in.readFloat();
    }
    for (int c = 0; c < C; c++) {
      bias[c] = in.readFloat();
    }
    String description = in.readUTF();
    DomainFeaturizer featurizer = new DomainFeaturizer(seed, bits, grams);
    int buckets = featurizer.buckets();
    byte[] q = new byte[buckets * STRIDE];
    byte[] column = new byte[buckets];
    for (int c = 0; c < C; c++) { // domain-major on disk: long runs of zeros compress well
      in.readFully(column);
      for (int b = 0; b < buckets; b++) {
        q[b * STRIDE + c] = column[b];
      }
    }
    return new DomainModel(featurizer, q, scale, bias, description);
  }

  /** Writes this model, gzipped. */
  public void write(OutputStream raw) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(raw);
    DataOutputStream out = new DataOutputStream(gz);
    out.writeInt(MAGIC);
    out.writeLong(featurizer.seed());
    out.writeInt(64 - Long.numberOfLeadingZeros(featurizer.buckets()) - 1);
    out.writeByte(featurizer.charGrams().ordinal());
    out.writeInt(C);
    for (int c = 0; c < C; c++) {
      out.writeUTF(Domain.of(c).label());
    }
    for (int c = 0; c < C; c++) {
      out.writeFloat(scale[c]);
    }
    for (int c = 0; c < C; c++) {
      out.writeFloat(bias[c]);
    }
    out.writeUTF(description);
    int buckets = featurizer.buckets();
    byte[] column = new byte[buckets];
    for (int c = 0; c < C; c++) {
      for (int b = 0; b < buckets; b++) {
        column[b] = weights[b * STRIDE + c];
      }
      out.write(column);
    }
    out.flush();
    gz.finish();
  }

  public DomainFeaturizer featurizer() {
    return featurizer;
  }

  /** What the weights were trained on, as stored with them. */
  public String description() {
    return description;
  }

  /**
   * Computes the logits of the learned domains for {@code text} into {@code logits} (length at
   * least {@link Domain#LEARNED}), reading at most {@code maximumChars} characters.
   */
  public void logits(CharSequence text, int maximumChars, double[] logits) {
    logits(text, maximumChars, false, logits);
  }

  /** As {@link #logits(CharSequence, int, double[])}, with the tools structure feature when {@code tools}. */
  public void logits(CharSequence text, int maximumChars, boolean tools, double[] logits) {
    Scorer s = new Scorer(weights);
    int n = featurizer.featurize(text, maximumChars, tools, s);
    s.logits(n, logits);
  }

  /** A sink that scores features as they come, for a caller driving its own {@link DomainFeaturizer.Pass}. */
  public Scorer scorer() {
    return new Scorer(weights);
  }

  /** Accumulates the weights of the features it is fed; see {@link #logits(int, double[])}. */
  public final class Scorer implements DomainFeaturizer.Sink {
    private final byte[] w;
    private int a0;
    private int a1;
    private int a2;
    private int a3;
    private int a4;
    private int a5;
    private int a6;

    private Scorer(byte[] w) {
      this.w = w;
    }

    @Override
    public void feature(int bucket) {
      int i = bucket << 3;
      byte[] w = this.w;
      a0 += w[i];
      a1 += w[i + 1];
      a2 += w[i + 2];
      a3 += w[i + 3];
      a4 += w[i + 4];
      a5 += w[i + 5];
      a6 += w[i + 6];
    }

    @Override
    public void features(int[] buckets, int count) {
      byte[] w = this.w;
      int b0 = 0;
      int b1 = 0;
      int b2 = 0;
      int b3 = 0;
      int b4 = 0;
      int b5 = 0;
      int b6 = 0;
      for (int k = 0; k < count; k++) {
        int i = buckets[k] << 3;
        b0 += w[i];
        b1 += w[i + 1];
        b2 += w[i + 2];
        b3 += w[i + 3];
        b4 += w[i + 4];
        b5 += w[i + 5];
        b6 += w[i + 6];
      }
      a0 += b0;
      a1 += b1;
      a2 += b2;
      a3 += b3;
      a4 += b4;
      a5 += b5;
      a6 += b6;
    }

    /** The logits after {@code features} features (the count the pass returned). */
    public void logits(int features, double[] out) {
      double norm = 1.0 / Math.sqrt(Math.max(1, features));
      out[0] = bias[0] + scale[0] * a0 * norm;
      out[1] = bias[1] + scale[1] * a1 * norm;
      out[2] = bias[2] + scale[2] * a2 * norm;
      out[3] = bias[3] + scale[3] * a3 * norm;
      out[4] = bias[4] + scale[4] * a4 * norm;
      out[5] = bias[5] + scale[5] * a5 * norm;
      out[6] = bias[6] + scale[6] * a6 * norm;
    }
  }
}
