package se.norrort.consortium.query;

import java.time.LocalDate;
import java.util.List;
import se.norrort.consortium.api.events.ApplicationOpened;
import se.norrort.consortium.api.events.CooperationFormSigned;
import se.norrort.consortium.api.events.MunicipalityJoined;
import se.norrort.consortium.api.events.ParticipationDeclined;
import se.norrort.consortium.api.values.ApplicationId;
import se.norrort.consortium.api.values.DecisionReference;
import se.norrort.consortium.api.values.DelegationId;
import se.norrort.consortium.api.values.LegalBasis;
import se.norrort.consortium.api.values.Municipalities;
import se.norrort.consortium.api.values.MunicipalityCode;
import se.norrort.consortium.api.values.PersonId;

/** Events of the seed story, for projection tests. */
public final class TestEvents {

    public static final LocalDate MEETING = LocalDate.of(2023, 9, 20);

    private TestEvents() {}

    public static ApplicationOpened opened(String id) {
        return new ApplicationOpened(
                new ApplicationId(id),
                new MunicipalityCode("0191"),
                LegalBasis.SECTION_37,
                "Länsstyrelsen i Stockholms län",
                "Gemensam resurs",
                List.of("nyanlända"),
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2025, 12, 31),
                LocalDate.of(2023, 12, 31),
                2_400_000,
                Municipalities.allCodes());
    }

    public static DecisionReference decision(String code, String paragraph) {
        return new DecisionReference(new MunicipalityCode(code), "Socialnämnden", MEETING, paragraph, true, MEETING);
    }

    public static MunicipalityJoined joined(String id, String code) {
        DecisionReference decision = decision(code, "§ 45");
        return new MunicipalityJoined(
                new ApplicationId(id), new MunicipalityCode(code), decision, decision.appealDeadline());
    }

    public static ParticipationDeclined declined(String id, String code) {
        return new ParticipationDeclined(
                new ApplicationId(id), new MunicipalityCode(code), "No capacity this year", decision(code, "§ 12"));
    }

    public static CooperationFormSigned signed(String id, String code, String person, String name) {
        return new CooperationFormSigned(
                new ApplicationId(id),
                new MunicipalityCode(code),
                new PersonId(person),
                name,
                "socialdirektör",
                new DelegationId("del-" + code));
    }
}
