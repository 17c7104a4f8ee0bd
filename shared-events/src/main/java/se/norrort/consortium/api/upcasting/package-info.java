/**
 * Upcasters for stored events of the consortium contract, one per revision step, each tested against stored JSON
 * samples of the old revision.
 * <p>
 * This package belongs with the message contract in {@code shared-events}; it lives in command-service only until
 * shared-events depends on jackson-databind (the upcasters work on Jackson 2 {@code JsonNode}). Moving it is a plain
 * file move: the package name is already the contract's.
 */
package se.norrort.consortium.api.upcasting;
