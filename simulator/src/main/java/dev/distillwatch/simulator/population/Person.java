package dev.distillwatch.simulator.population;

import dev.distillwatch.core.Exchange;
import dev.distillwatch.simulator.Infrastructure;
import java.util.SplittableRandom;

/**
 * One person of the population on their own: their own account, payment method, home address,
 * client and time zone.
 */
record Person(String account, String payment, String ip, String userAgent, int zone) {

  /** A person drawn with the population's shares. */
  static Person draw(SplittableRandom random) {
    String account = Infrastructure.accountId(random);
    String payment = Infrastructure.paymentId(random);
    String ip = Infrastructure.residentialIp(random);
    String userAgent = Infrastructure.userAgent(random);
    return new Person(account, payment, ip, userAgent, Infrastructure.zone(random));
  }

  /** The UTC offset of their time zone, in minutes. */
  int offsetMinutes() {
    return Infrastructure.offsetMinutes(zone);
  }

  /** A request of theirs at {@code time}: account, address, client, payment, country and ASN set. */
  Exchange.Builder request(long time) {
    return Exchange.builder().account(account).timestamp(time).ip(ip).userAgent(userAgent).payment(payment)
        .attribute("country", Infrastructure.country(zone)).attribute("asn", Infrastructure.asn(ip));
  }
}
