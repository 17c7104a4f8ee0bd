/**
 * Typed identifiers and value objects of the consortium contract.
 * <p>
 * Every value is a record that checks its <em>shape</em> in the compact constructor and throws
 * {@link java.lang.IllegalArgumentException} with a clear message when given a bad value. Rules that depend on
 * "today" or on the state of an application (e.g. "the meeting date must not be in the future") are not shape: they
 * belong to the aggregate, so that stored events recorded under older rules can always be read back.
 * <p>
 * <strong>Money.</strong> Amounts are whole Swedish kronor (SEK) held in a {@code long}; the component name ends in
 * {@code Sek} (e.g. {@code appliedAmountSek}). Floating point is never used for money: öre do not occur in these
 * grants, and integers keep sums exact and JSON unambiguous.
 * <p>
 * <strong>Dates.</strong> Business dates (meeting dates, deadlines, due dates) are {@link java.time.LocalDate}s in
 * Europe/Stockholm; event times are UTC instants kept by the event store, not here.
 * <p>
 * Single-value identifiers serialize as plain JSON strings ({@code @JsonValue}) and their {@code toString()} is the
 * plain value, because Axon stores {@code toString()} of the aggregate identifier.
 */
package se.norrort.consortium.api.values;
