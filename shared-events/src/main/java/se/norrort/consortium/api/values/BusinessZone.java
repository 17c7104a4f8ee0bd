package se.norrort.consortium.api.values;

import java.time.ZoneId;

/**
 * The one time zone of the consortium's business: deadlines, "today", decision dates and the auditors' "as of a
 * date" are days in Europe/Stockholm. Every module takes the zone from here.
 */
public final class BusinessZone {

    /** Europe/Stockholm. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    private BusinessZone() {}
}
