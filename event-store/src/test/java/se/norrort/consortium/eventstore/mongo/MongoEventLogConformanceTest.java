package se.norrort.consortium.eventstore.mongo;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongConsumer;
import se.norrort.consortium.eventstore.EventLog;
import se.norrort.consortium.eventstore.EventLogConformanceSuite;
import se.norrort.consortium.eventstore.TestMongo;

/** The conformance suite on MongoDB: the embedded server by default, {@code MONGODB_URI} when set. */
class MongoEventLogConformanceTest extends EventLogConformanceSuite {

    @Override
    protected EventLog newLog(LongConsumer beforeInsert, Duration gapTimeout) {
        MongoEventLog log = new MongoEventLog(TestMongo.freshDatabase(), gapTimeout, Clock.systemUTC());
        log.beforeInsert(beforeInsert);
        return log;
    }
}
