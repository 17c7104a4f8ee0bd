package se.norrort.consortium.command.aggregate;

import se.norrort.consortium.story.NorrortStory;

/**
 * The seed story of the command side's tests: the one fixture in shared-events' test-jar ({@link NorrortStory}),
 * under the short name these tests use (the feature packages' tests use it too).
 */
public final class Story extends NorrortStory {

    private Story() {}
}
