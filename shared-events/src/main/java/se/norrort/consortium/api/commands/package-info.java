/**
 * The commands of the consortium application: one record per decision somebody asks for, imperative names.
 * <p>
 * The application id is the first component and is the {@code @TargetAggregateIdentifier}; the acting party
 * ({@link se.norrort.consortium.api.values.Actor}) is the last component, so the aggregate can decide whether that party
 * may act. The compact constructors check only presence and shape (throwing {@link IllegalArgumentException});
 * every business rule, including amount ranges and dates relative to "today", is the aggregate's, which refuses
 * with a stable error code.
 */
package se.norrort.consortium.api.commands;
