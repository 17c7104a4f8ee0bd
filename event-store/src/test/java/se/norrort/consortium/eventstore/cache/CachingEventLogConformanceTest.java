package se.norrort.consortium.eventstore.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongConsumer;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.EventLogConformanceSuite;
import se.norrort.consortium.eventstore.TestMongo;
import se.norrort.consortium.eventstore.mongo.MongoEventLog;

/** The conformance suite on the stream cache in front of the MongoDB log: the cache changes no answer. */
class CachingEventLogConformanceTest extends EventLogConformanceSuite {

    @Override
    protected EventLog newLog(LongConsumer beforeInsert, Duration gapTimeout) {
        MongoEventLog log = new MongoEventLog(TestMongo.freshDatabase(), gapTimeout, Clock.systemUTC());
        log.beforeInsert(beforeInsert);
        return new CachingEventLog(log, 100);
    }
}
