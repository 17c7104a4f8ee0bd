package se.norrort.consortium.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records the story of the seed document through the public command API, so a newcomer sees real data at once:
 * Sigtuna (0191) opens the § 37 application and the municipalities join, each on its own committee decision, with
 * Danderyd's Socialnämnden deciding with immediate adjustment. Idempotent: a second run finds the application
 * already opened and changes nothing.
 */
final class SeedStory {

    static final String APPLICATION_ID = "norrort-gemensam-resurs";
    /** The 14 municipalities that joined (Vaxholm, 0187, is the one that did not). */
    static final Map<String, String> JOINING = new LinkedHashMap<>();

    static {
        JOINING.put("0191", "Socialnämnden");
        JOINING.put("0114", "Socialnämnden");
        JOINING.put("0115", "Socialnämnden");
        JOINING.put("0117", "Socialnämnden");
        JOINING.put("0123", "Socialnämnden");
        JOINING.put("0125", "Socialnämnden");
        JOINING.put("0139", "Socialnämnden");
        JOINING.put("0160", "Socialnämnden");
        JOINING.put("0162", "Socialnämnden");
        JOINING.put("0163", "Socialnämnden");
        JOINING.put("0183", "Socialnämnden");
        JOINING.put("0184", "Socialnämnden");
        JOINING.put("0186", "Socialnämnden");
        JOINING.put("0188", "Socialnämnden");
    }

    private final String commandUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SeedStory(String commandUrl) {
        this.commandUrl = commandUrl;
    }

    void run() throws IOException, InterruptedException {
        LocalDate today = LocalDate.now();
        String opened = post("/api/applications", "0191", "sigtuna.projektledare", "Projektledare Sigtuna", """
                {"applicationId":"%s","ownerMunicipality":"0191","legalBasis":"SECTION_37",
                 "funderName":"Länsstyrelsen i Stockholms län",
                 "title":"Gemensam resurs i Norrort för rådgivning och ansökan om externa medel",
                 "targetGroups":["nyanlända","ensamkommande barn och unga"],
                 "periodStart":"%s","periodEnd":"%s","joiningDeadline":"%s","appliedAmountSek":2400000}
                """.formatted(APPLICATION_ID, today, today.plusYears(2), today.plusMonths(2)));
        if (opened == null) {
            System.out.println("Seed: the application " + APPLICATION_ID + " already exists; nothing changed.");
            return;
        }
        int paragraph = 40;
        for (var entry : JOINING.entrySet()) {
            String code = entry.getKey();
            boolean danderyd = code.equals("0162");
            LocalDate meeting = today.minusDays(danderyd ? 14 : 20);
            post("/api/applications/" + APPLICATION_ID + "/municipalities/" + code + "/join", code,
                 "officer." + code, "Handläggare " + code, """
                         {"decision":{"body":"%s","meetingDate":"%s","paragraph":"§ %d",
                          "immediateAdjustment":%s,"announcementDate":"%s"}}
                         """.formatted(entry.getValue(), meeting, paragraph++, danderyd,
                                       danderyd ? meeting : meeting.plusDays(14)));
        }
        System.out.println("Seed: application " + APPLICATION_ID + " opened by Sigtuna; " + JOINING.size()
                                   + " municipalities joined.");
    }

    /** Posts a command as an officer of the municipality; returns the body, or null on 409 (already done). */
    private String post(String path, String municipality, String personId, String name, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(commandUrl + path))
                                         .timeout(Duration.ofSeconds(30))
                                         .header("Content-Type", "application/json")
                                         .header("X-Actor-Id", personId)
                                         .header("X-Actor-Name", name)
                                         .header("X-Actor-Role", "MUNICIPALITY_OFFICER")
                                         .header("X-Actor-Municipality", municipality)
                                         .POST(HttpRequest.BodyPublishers.ofString(body))
                                         .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 409) {
            return null;
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Seed step " + path + " was refused: " + response.body());
        }
        return response.body();
    }
}
