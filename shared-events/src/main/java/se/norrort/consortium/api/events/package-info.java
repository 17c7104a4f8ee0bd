/**
 * The events of a consortium application: one past-tense record per fact, the application id first, each with a
 * stable stored type name ({@link se.norrort.consortium.api.EventType}) so stored data never depends on a Java class
 * name. Schemas evolve with {@code @Revision} and upcasters (see {@code se.norrort.consortium.api.upcasting}).
 * <p>
 * Events do not validate their content: they record what was decided under the rules of their time, and must always
 * be readable again.
 */
package se.norrort.consortium.api.events;
