package dev.distillwatch.simulator;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The infrastructure facts of simulated accounts: ids, addresses, user agents, time zones and
 * payment fingerprints. Every cohort, campaigns included, draws from the same distributions, so
 * no field is a tell by itself; only sharing (one payment method or one proxy pool across many
 * accounts) links accounts.
 */
public final class Infrastructure {
  /** First octets of consumer-ISP address space (home and mobile users, residential proxies). */
  private static final int[] RESIDENTIAL = {24, 47, 67, 71, 73, 76, 81, 86, 92, 98, 109, 151, 176, 188, 203};
  /** First octets of cloud-provider address space (servers, batch jobs, some scrapers). */
  private static final int[] CLOUD = {3, 18, 34, 35, 44, 52, 104, 146};

  /** User agents of API clients, with the shares every cohort draws them with. */
  private static final String[] USER_AGENTS = {
      "OpenAI/Python 1.54.3", "OpenAI/Python 1.40.6", "Anthropic/Python 0.39.0", "python-requests/2.32.3",
      "OpenAI/NodeJS 4.73.0", "axios/1.7.7", "curl/8.5.0", "python-httpx/0.27.2", "Go-http-client/2.0",
      "langchain-openai/0.2.9"};
  private static final double[] USER_AGENT_SHARES = {0.24, 0.10, 0.10, 0.12, 0.14, 0.06, 0.03, 0.08, 0.05, 0.08};

  /** UTC offsets in minutes, their countries, and the share of users living there. */
  private static final int[] ZONE_OFFSETS = {-480, -300, -180, 0, 60, 330, 480, 540};
  private static final String[] ZONE_COUNTRIES = {"US", "US", "BR", "GB", "DE", "IN", "SG", "JP"};
  private static final double[] ZONE_SHARES = {0.18, 0.24, 0.07, 0.12, 0.15, 0.11, 0.08, 0.05};

  private Infrastructure() {}

  /** An opaque account id such as {@code acct_3f9a0c...}. */
  public static String accountId(SplittableRandom random) {
    return "acct_" + hex(random.nextLong());
  }

  /** An opaque payment-method fingerprint. */
  public static String paymentId(SplittableRandom random) {
    return "pm_" + hex(random.nextLong()).substring(0, 12);
  }

  /** An address in consumer-ISP space. */
  public static String residentialIp(SplittableRandom random) {
    return ip(RESIDENTIAL[random.nextInt(RESIDENTIAL.length)], random);
  }

  /** An address in cloud-provider space. */
  public static String cloudIp(SplittableRandom random) {
    return ip(CLOUD[random.nextInt(CLOUD.length)], random);
  }

  /** The address {@code host} (1-254) in the /24 of {@code ip}. */
  public static String sameSlash24(String ip, int host) {
    return ip.substring(0, ip.lastIndexOf('.') + 1) + host;
  }

  /** The autonomous system of an address: one per /16, as a gateway's GeoIP lookup would give. */
  public static String asn(String ip) {
    int dot = ip.indexOf('.');
    int a = Integer.parseInt(ip, 0, dot, 10);
    int b = Integer.parseInt(ip, dot + 1, ip.indexOf('.', dot + 1), 10);
    return "AS" + (1000 + Math.floorMod(a * 7919 + (b >> 3) * 31, 60000));
  }

  /** A user agent, drawn with the shares of the whole population. */
  public static String userAgent(SplittableRandom random) {
    return USER_AGENTS[pick(USER_AGENT_SHARES, random)];
  }

  /** A time-zone index, drawn with the population's shares; see {@link #offsetMinutes(int)}. */
  public static int zone(SplittableRandom random) {
    return pick(ZONE_SHARES, random);
  }

  /** The UTC offset in minutes of a time-zone index. */
  public static int offsetMinutes(int zone) {
    return ZONE_OFFSETS[zone];
  }

  /** The country of a time-zone index. */
  public static String country(int zone) {
    return ZONE_COUNTRIES[zone];
  }

  /** An index drawn with the given shares (which sum to about 1). */
  public static int pick(double[] shares, SplittableRandom random) {
    double u = random.nextDouble();
    for (int i = 0; i < shares.length - 1; i++) {
      u -= shares[i];
      if (u < 0) {
        return i;
      }
    }
    return shares.length - 1;
  }

  private static String ip(int first, SplittableRandom random) {
    return first + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
  }

  private static String hex(long v) {
    return String.format(Locale.ROOT, "%016x", v);
  }
}
