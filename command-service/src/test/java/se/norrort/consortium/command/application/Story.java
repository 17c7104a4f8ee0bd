package se.norrort.consortium.command.application;

import se.norrort.consortium.story.NorrortStory;

/**
 * The seed story of the aggregate's tests: the one fixture in shared-events' test-jar ({@link NorrortStory}), under
 * the short name these tests use.
 */
final class Story extends NorrortStory {

    private Story() {
    }
}
