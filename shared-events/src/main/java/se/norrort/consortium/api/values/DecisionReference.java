package se.norrort.consortium.api.values;

import java.time.LocalDate;
import java.time.Period;

/**
 * A reference to a municipal committee decision (nämndbeslut): which body of which municipality decided, at which
 * meeting, under which paragraph of the minutes.
 * <p>
 * A committee (nämnd) decides at a meeting; each item of the minutes has a paragraph number (e.g. "§ 45"). The minutes
 * are normally approved (justeras) about two weeks later and then announced on the notice board (anslagstavlan);
 * anyone may appeal the decision for legality (laglighetsprövning) within <b>three weeks of the announcement</b>.
 * With immediate adjustment (omedelbar justering) the paragraph is approved at the meeting itself, so the decision
 * takes effect at once.
 * <p>
 * Only the shape is checked here (every part present). Whether the reference is plausible, e.g. the meeting is not in
 * the future and the announcement is not before the meeting, is decided by the application aggregate.
 *
 * @param municipality        the municipality whose body decided
 * @param body                the deciding body, e.g. "Socialnämnden" (the social services committee)
 * @param meetingDate         the date of the meeting
 * @param paragraph           the paragraph of the minutes, e.g. "§ 45"
 * @param immediateAdjustment whether the paragraph was adjusted immediately (justeras omedelbart)
 * @param announcementDate    the date the approved minutes were announced on the notice board
 */
public record DecisionReference(
        MunicipalityCode municipality,
        String body,
        LocalDate meetingDate,
        String paragraph,
        boolean immediateAdjustment,
        LocalDate announcementDate) {

    /** The period within which a decision may be appealed, counted from its announcement. */
    public static final Period APPEAL_PERIOD = Period.ofWeeks(3);

    public DecisionReference {
        Identifiers.requireNonNull(municipality, "Decision reference municipality");
        body = Identifiers.requireText(body, "Decision reference body", 200).strip();
        Identifiers.requireNonNull(meetingDate, "Decision reference meeting date");
        paragraph = Identifiers.requireText(paragraph, "Decision reference paragraph", 40)
                .strip();
        Identifiers.requireNonNull(announcementDate, "Decision reference announcement date");
    }

    /** The last day to appeal the decision: the announcement date plus three weeks. */
    public LocalDate appealDeadline() {
        return announcementDate.plus(APPEAL_PERIOD);
    }
}
