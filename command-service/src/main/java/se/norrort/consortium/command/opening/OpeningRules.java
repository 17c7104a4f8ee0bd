package se.norrort.consortium.command.opening;

import static se.norrort.consortium.command.domain.CommonRules.refuse;

import java.time.LocalDate;
import se.norrort.consortium.api.commands.OpenApplication;
import se.norrort.consortium.command.domain.CommonRules;
import se.norrort.consortium.command.domain.ErrorCode;

/** What opening an application requires: a Koordination Norrort owner acting through its officer, sane figures. */
public final class OpeningRules {

    private OpeningRules() {}

    /** Refuses an opening that breaks a rule; {@code today} is the business date. */
    public static void checkOpen(OpenApplication command, LocalDate today) {
        CommonRules.koordinationNorrort(command.ownerMunicipality());
        CommonRules.officerOf(command.actor(), command.ownerMunicipality());
        command.invitedMunicipalities().forEach(CommonRules::koordinationNorrort);
        CommonRules.positive(command.appliedAmountSek(), "The applied amount");
        period(command.periodStart(), command.periodEnd());
        joiningDeadline(command.joiningDeadline(), command.periodEnd(), today);
    }

    static void period(LocalDate start, LocalDate end) {
        if (end.isBefore(start)) {
            throw refuse(
                    ErrorCode.PERIOD_INVALID,
                    "The project period must not end (" + end + ") before it starts (" + start + ").");
        }
    }

    static void joiningDeadline(LocalDate deadline, LocalDate periodEnd, LocalDate today) {
        if (deadline.isBefore(today)) {
            throw refuse(ErrorCode.JOINING_DEADLINE_INVALID, "The joining deadline " + deadline + " has passed.");
        }
        if (deadline.isAfter(periodEnd)) {
            throw refuse(
                    ErrorCode.JOINING_DEADLINE_INVALID,
                    "The joining deadline " + deadline + " is after the end of the project period.");
        }
    }
}
