package se.norrort.consortium.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable name under which an event is stored. Stored data never carries a Java class name, so a class can be
 * renamed or moved to another package without touching the event store: only this name must stay the same.
 * <p>
 * Names are short, past tense and unique within the contract, e.g. {@code "MunicipalityJoined"}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface EventType {

    /** The stored type name. Never change it once an event of this type has been stored. */
    String value();
}
