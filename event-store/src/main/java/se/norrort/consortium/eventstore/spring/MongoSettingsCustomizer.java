package se.norrort.consortium.eventstore.spring;

import com.mongodb.MongoClientSettings;
import java.util.function.Consumer;

/** Adds to the settings of every MongoDB client the services build (e.g. metrics listeners). */
@FunctionalInterface
public interface MongoSettingsCustomizer extends Consumer<MongoClientSettings.Builder> {}
